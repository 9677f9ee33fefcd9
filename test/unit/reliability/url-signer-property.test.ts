import { randomBytes } from 'node:crypto';
import { IMAGE_VARIANTS, type ImageVariant } from '../../../server/src/image-source/types';
import {
  deriveSigningKeys,
  signedQuery,
  SIGNATURE_INVALID,
  URL_EXPIRED,
  verifySignedQuery,
  type SignedImageClaim,
  type VerifyResult,
} from '../../../server/src/image-source/url-signer';
import { mulberry32, type Random } from '../../reliability/prng';

/**
 * Property-based tests of the signed-URL parser (`verifySignedQuery`), driven by a seeded PRNG
 * (mulberry32) so every run checks the same thousands of cases and a failure names its seed/case.
 * Properties:
 * 1. every query the plugin signs verifies, to exactly the claim signed, until `exp`, then says "URL expired";
 * 2. whatever a mutation does to a signed query, the parser never throws, never answers anything but
 *    ok / "Signature invalid" / "URL expired", and an `ok` names exactly the claim that was signed
 *    (no mutation reaches another file or variant);
 * 3. random strings, forged signatures and other apps' keys never verify;
 * 4. "URL expired" is only ever said of a genuine signature.
 */
const SEED = 0x5eed_a17;
const NOW = 1_900_000_000;
const keys = deriveSigningKeys({ appKeys: ['reliability-app-key-1', 'reliability-app-key-2'] });
const [key] = keys;
const otherKeys = deriveSigningKeys({ appKeys: ['some-other-app'] });

const verify = (raw: string, now = NOW): VerifyResult => verifySignedQuery(raw, keys, now);
const ALLOWED = new Set([SIGNATURE_INVALID, URL_EXPIRED]);

const randomClaim = (random: Random, now = NOW): SignedImageClaim => ({
  fileId: random.bool(0.2) ? random.int(1, 9) : random.int(1, 2 ** 40),
  variant: random.pick(IMAGE_VARIANTS) as ImageVariant,
  exp: now + random.int(-4000, 3660),
});

const QUERY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF=&%?#[]$.-_/\\:;,~!*\'()+ \u00e9\u65e5';

/** One random edit of a query string. */
const mutate = (random: Random, query: string): string => {
  const parts = query.split('&');
  const at = random.int(0, Math.max(0, query.length - 1));
  switch (random.int(0, 13)) {
    case 0: // flip one character
      return query.slice(0, at) + random.string(QUERY_CHARS, 1) + query.slice(at + 1);
    case 1: // delete one character
      return query.slice(0, at) + query.slice(at + 1);
    case 2: // insert characters
      return query.slice(0, at) + random.string(QUERY_CHARS, random.int(1, 4)) + query.slice(at);
    case 3: // drop a parameter
      return parts.filter((_, i) => i !== random.int(0, parts.length - 1)).join('&');
    case 4: // repeat a parameter (same or another value)
      return [...parts, random.bool() ? random.pick(parts) : `${random.pick(['file', 'variant', 'exp', 'sig'])}=${random.int(1, 99)}`].join('&');
    case 5: // reorder the parameters
      return [...parts].sort(() => random.next() - 0.5).join('&');
    case 6: // percent-encode one character
      return query.slice(0, at) + `%${query.charCodeAt(at).toString(16).padStart(2, '0')}` + query.slice(at + 1);
    case 7: // change the case of one character
      return query.slice(0, at) + (random.bool() ? query.charAt(at).toUpperCase() : query.charAt(at).toLowerCase()) + query.slice(at + 1);
    case 8: // an extra parameter
      return `${query}&${random.pick(['download', 'x', '__proto__', 'constructor', 'file[$ne]', 'populate', 'sig2'])}=${random.string(QUERY_CHARS, random.int(0, 6))}`;
    case 9: // truncate
      return query.slice(0, at);
    case 10: // another file id, variant or expiry with the same signature
      return query.replace(/^file=\d+/, `file=${random.int(1, 2 ** 40)}`).replace(/variant=\w+/, `variant=${random.pick(IMAGE_VARIANTS)}`);
    case 11: // an oversized parameter
      return query.replace(/sig=[0-9a-f]+/, `sig=${random.string('0123456789abcdef', random.int(65, 5000))}`);
    case 12: // leading zeros, signs and spaces in numbers
      return query.replace(/file=(\d+)/, `file=${random.pick(['0', '+', '-', ' ', '00', '%20'])}$1`);
    default: // a path or a protocol in a value
      return query.replace(/variant=\w+/, `variant=${random.pick(['../original', 'original/..', 'original%00', 'http://evil', 'ORIGINAL'])}`);
  }
};

/** Collects counter-examples instead of calling `expect` per case (tens of thousands of cases). */
const counterExamples = () => {
  const found: Array<Record<string, unknown>> = [];
  return {
    check(ok: boolean, example: () => Record<string, unknown>) {
      if (!ok && found.length < 5) found.push(example());
    },
    found,
  };
};

const sameClaim = (a: SignedImageClaim, b: SignedImageClaim) => a.fileId === b.fileId && a.variant === b.variant && a.exp === b.exp;
const clip = (query: string) => (query.length > 160 ? `${query.slice(0, 160)}…(${query.length} chars)` : query);

describe('property: the signed-URL parser over thousands of seeded cases', () => {
  test('every signed claim verifies to itself until exp and is "URL expired" after it (5000 claims)', () => {
    const random = mulberry32(SEED);
    const failures = counterExamples();
    for (let i = 0; i < 5000; i += 1) {
      const claim = randomClaim(random);
      const query = signedQuery(key, claim);
      const result = verify(query);
      const ok = claim.exp < NOW ? !result.ok && result.message === URL_EXPIRED : result.ok && sameClaim(result.claim, claim);
      failures.check(ok, () => ({ seed: SEED, case: i, query, result }));
    }
    expect(failures.found).toEqual([]);
  });

  test('no mutation of a signed query reaches anything but the claim that was signed (10000 mutated queries)', () => {
    const random = mulberry32(SEED + 1);
    const failures = counterExamples();
    let rejected = 0;
    for (let i = 0; i < 10000; i += 1) {
      const claim = { ...randomClaim(random), exp: NOW + random.int(0, 3600) };
      let query = signedQuery(key, claim);
      const rounds = random.int(1, 3);
      for (let r = 0; r < rounds; r += 1) query = mutate(random, query);
      let result: VerifyResult | undefined;
      let thrown: unknown;
      try {
        result = verify(query);
      } catch (error) {
        thrown = error;
      }
      if (result && !result.ok) rejected += 1;
      // Only a harmless edit (e.g. reordering the four parameters) may still verify, and then to the same claim.
      const ok = !!result && (result.ok ? sameClaim(result.claim, claim) : ALLOWED.has(result.message));
      failures.check(ok, () => ({ seed: SEED + 1, case: i, query: clip(query), result, thrown: thrown && String(thrown) }));
    }
    expect(failures.found).toEqual([]);
    // The mutations really do exercise the refusals.
    expect(rejected).toBeGreaterThan(9000);
  });

  test('random query strings never verify and never throw (20000 strings, some up to 20 000 characters)', () => {
    const random = mulberry32(SEED + 2);
    const failures = counterExamples();
    for (let i = 0; i < 20000; i += 1) {
      const junk = random.bool(0.5)
        ? random.string(QUERY_CHARS, random.int(0, 200)).repeat(random.bool(0.05) ? random.int(2, 100) : 1)
        : // Structured junk: the right names with random values.
          ['file', 'variant', 'exp', 'sig'].map((name) => `${name}=${random.string('0123456789abcdef', random.int(0, 70))}`).join('&');
      let ok = false;
      try {
        ok = !verify(junk).ok;
      } catch {
        ok = false;
      }
      failures.check(ok, () => ({ seed: SEED + 2, case: i, junk: clip(junk) }));
    }
    expect(failures.found).toEqual([]);
  });

  test('forged signatures and other apps’ keys never verify; an expired forgery is "Signature invalid", not "URL expired" (5000 claims)', () => {
    const random = mulberry32(SEED + 3);
    const failures = counterExamples();
    for (let i = 0; i < 5000; i += 1) {
      const claim = randomClaim(random);
      const forged = `file=${claim.fileId}&variant=${claim.variant}&exp=${claim.exp}&sig=${randomBytes(32).toString('hex')}`;
      const otherApp = signedQuery(otherKeys[0], claim);
      for (const query of [forged, otherApp]) {
        const result = verify(query);
        failures.check(!result.ok && result.message === SIGNATURE_INVALID, () => ({ seed: SEED + 3, case: i, query, result }));
      }
    }
    expect(failures.found).toEqual([]);
  });

  test('a genuine query is valid at any second up to exp and expired at any second after (5000 samples)', () => {
    const random = mulberry32(SEED + 4);
    const failures = counterExamples();
    for (let i = 0; i < 5000; i += 1) {
      const claim = { ...randomClaim(random), exp: NOW + random.int(1, 3600) };
      const query = signedQuery(key, claim);
      const at = claim.exp + random.int(-3600, 3600);
      const result = verify(query, at);
      const ok = at <= claim.exp ? result.ok && sameClaim(result.claim, claim) : !result.ok && result.message === URL_EXPIRED;
      failures.check(ok, () => ({ seed: SEED + 4, case: i, at, query, result }));
    }
    expect(failures.found).toEqual([]);
  });

  test('parsing stays cheap on hostile input: 2000 queries of 5–50 KB are refused in well under a second', () => {
    const random = mulberry32(SEED + 5);
    const hostile = Array.from({ length: 2000 }, () => random.string(QUERY_CHARS, 500).repeat(random.int(10, 100)));
    const started = performance.now();
    const accepted = hostile.filter((query) => verify(query).ok);
    expect(accepted).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
