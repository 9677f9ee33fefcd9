import { DEFAULT_INLINE_MAX_BYTES, parseDeliverySettings } from '../../../server/src/config/delivery';

describe('delivery settings read from the raw plugin config', () => {
  test('nothing configured: no own S3, a secret derived later from APP_KEYS, the default byte cap', () => {
    expect(parseDeliverySettings({ provider: 'alttextlab' })).toEqual({
      s3: undefined,
      signingSecret: undefined,
      inlineMaxBytes: DEFAULT_INLINE_MAX_BYTES,
    });
  });

  test('own S3 settings get the defaults of region and path style', () => {
    const { s3 } = parseDeliverySettings({ s3: { bucket: 'media', endpoint: 'http://127.0.0.1:7480', accessKeyId: 'AK', secretAccessKey: 'SK' } });
    expect(s3).toEqual({ bucket: 'media', endpoint: 'http://127.0.0.1:7480', region: 'us-east-1', forcePathStyle: false, accessKeyId: 'AK', secretAccessKey: 'SK' });
  });

  test('an invalid value is ignored with a warning naming the key, and the other keys still apply', () => {
    const warnings: string[] = [];
    const settings = parseDeliverySettings(
      { s3: { bucket: 'media', accessKeyId: 'AK' }, signingSecret: 'short', inlineMaxBytes: 4 * 1024 * 1024 },
      (message) => warnings.push(message)
    );
    expect(settings).toEqual({ s3: undefined, signingSecret: undefined, inlineMaxBytes: 4 * 1024 * 1024 });
    expect(warnings).toEqual([
      expect.stringMatching(/^\[auto-alt-text\] ignoring invalid "s3": accessKeyId and secretAccessKey go together/),
      expect.stringMatching(/^\[auto-alt-text\] ignoring invalid "signingSecret": must be at least 32 characters/),
    ]);
  });

  test('a blank signing secret (SECRET= in .env) counts as not set', () => {
    expect(parseDeliverySettings({ signingSecret: '  ' }).signingSecret).toBeUndefined();
  });

  test('warnings never contain the values, so a mistyped secret is not logged', () => {
    const warnings: string[] = [];
    parseDeliverySettings({ signingSecret: 'hunter2-secret' }, (message) => warnings.push(message));
    expect(warnings.join('\n')).not.toContain('hunter2');
  });
});
