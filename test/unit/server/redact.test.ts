import { keyHint, redact } from '../../../server/src/utils/redact';

describe('redaction', () => {
  test('removes the signature and credential of a presigned S3 URL', () => {
    const url =
      'http://127.0.0.1:7480/b/k.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F2026&X-Amz-Signature=abc123def&X-Amz-Expires=60';
    const out = redact(`fetch failed for ${url}`);
    expect(out).not.toContain('abc123def');
    expect(out).not.toContain('AKIA');
    expect(out).toContain('X-Amz-Expires=60');
  });

  test('removes a plugin-signed URL signature and any known secret value', () => {
    expect(redact('GET /img?file=1&exp=9&sig=deadbeef')).toBe('GET /img?file=1&exp=9&sig=[redacted]');
    expect(redact('key sk-live-123456 was refused', ['sk-live-123456'])).toBe('key [redacted] was refused');
  });

  test('a key hint shows only the last four characters', () => {
    expect(keyHint('sk-live-1234564f2a')).toBe('…4f2a');
    expect(keyHint('short')).toBe('…');
    expect(keyHint(undefined)).toBeUndefined();
  });
});
