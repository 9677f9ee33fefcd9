import {
  deriveSigningKeys,
  signedQuery,
  SIGNATURE_INVALID,
  URL_EXPIRED,
  verifySignedQuery,
  type SignedImageClaim,
} from '../../../server/src/image-source/url-signer';

const NOW = 1_900_000_000;
const [key] = deriveSigningKeys({ appKeys: ['app-key-one', 'app-key-two'] });
const claim: SignedImageClaim = { fileId: 42, variant: 'large', exp: NOW + 60 };
const query = signedQuery(key, claim);
const verify = (raw: string, now = NOW) => verifySignedQuery(raw, [key], now);
const withParam = (raw: string, name: string, value: string) =>
  raw.replace(new RegExp(`(^|&)${name}=[^&]*`), `$1${name}=${value}`);

describe('plugin-signed image URLs', () => {
  test('a URL the plugin signed verifies and names exactly the file and variant it was signed for', () => {
    expect(query).toMatch(/^file=42&variant=large&exp=1900000060&sig=[0-9a-f]{64}$/);
    expect(verify(query)).toEqual({ ok: true, claim });
  });

  test('a changed signature, file id, variant or expiry is "Signature invalid"', () => {
    const sig = new URLSearchParams(query).get('sig') as string;
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`;
    for (const tampered of [
      withParam(query, 'sig', flipped),
      withParam(query, 'file', '43'),
      withParam(query, 'variant', 'original'),
      withParam(query, 'exp', String(NOW + 600)),
    ]) {
      expect(verify(tampered)).toEqual({ ok: false, message: SIGNATURE_INVALID });
    }
  });

  test('a genuine URL after its expiry is "URL expired", one second before it is still valid', () => {
    expect(verify(query, NOW + 60).ok).toBe(true);
    expect(verify(query, NOW + 61)).toEqual({ ok: false, message: URL_EXPIRED });
  });

  test('an expired-looking forgery is "Signature invalid", not "URL expired": expiry is only read once the signature holds', () => {
    const forged = signedQuery(deriveSigningKeys({ appKeys: ['someone-else'] })[0], claim);
    expect(verify(forged, NOW + 3600)).toEqual({ ok: false, message: SIGNATURE_INVALID });
  });

  test.each([
    ['no parameters', ''],
    ['a missing sig', query.replace(/&sig=[^&]*/, '')],
    ['a missing exp', query.replace(/&exp=[^&]*/, '')],
    ['a missing file', query.replace(/^file=[^&]*&/, '')],
    ['a missing variant', query.replace(/&variant=[^&]*/, '')],
    ['a repeated parameter', `${query}&file=42`],
    ['a repeated parameter with another value', `file=7&${query}`],
    ['an unknown extra parameter', `${query}&download=1`],
    ['an empty value', withParam(query, 'exp', '')],
    ['a percent-encoded value', withParam(query, 'file', '%34%32')],
    ['a file id with a path in it', withParam(query, 'file', '..%2F..%2Fetc%2Fpasswd')],
    ['a variant that does not exist', withParam(query, 'variant', 'huge')],
    ['an oversized file id', withParam(query, 'file', '9'.repeat(40))],
    ['an oversized signature', withParam(query, 'sig', 'a'.repeat(4096))],
    ['an oversized query string', `${query}${'&x=1'.repeat(200)}`],
    ['an upper-case signature', withParam(query, 'sig', (new URLSearchParams(query).get('sig') as string).toUpperCase())],
    ['a parameter without a value', `${query}&flag`],
    ['a prototype key as a parameter', `${query}&__proto__=1`],
  ])('%s is "Signature invalid"', (_name, raw) => {
    expect(verify(raw)).toEqual({ ok: false, message: SIGNATURE_INVALID });
  });

  test('an expiry further out than any URL the plugin issues is refused even when signed', () => {
    const tooLong = signedQuery(key, { ...claim, exp: NOW + 7200 });
    expect(verify(tooLong)).toEqual({ ok: false, message: SIGNATURE_INVALID });
  });

  test('the key is derived from the app keys: another app, or no keys at all, verifies nothing', () => {
    const otherApp = deriveSigningKeys({ appKeys: ['other-app-key'] });
    expect(verifySignedQuery(query, otherApp, NOW).ok).toBe(false);
    expect(deriveSigningKeys({ appKeys: [] })).toEqual([]);
    expect(deriveSigningKeys({})).toEqual([]);
    expect(verifySignedQuery(query, [], NOW)).toEqual({ ok: false, message: SIGNATURE_INVALID });
  });

  test('after a key rotation a URL signed with an older, still-listed key verifies', () => {
    const [oldKey] = deriveSigningKeys({ appKeys: ['old-key'] });
    const rotated = deriveSigningKeys({ appKeys: ['new-key', 'old-key'] });
    expect(verifySignedQuery(signedQuery(oldKey, claim), rotated, NOW).ok).toBe(true);
  });

  test('a configured signing secret replaces the app keys, and is never used raw as the HMAC key', () => {
    const [fromSecret] = deriveSigningKeys({ signingSecret: 's'.repeat(40), appKeys: ['app-key-one'] });
    expect(fromSecret.equals(key)).toBe(false);
    expect(fromSecret.equals(Buffer.from('s'.repeat(40)))).toBe(false);
    expect(fromSecret).toHaveLength(32);
  });
});
