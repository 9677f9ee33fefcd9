import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { IMAGE_VARIANTS, type ImageVariant } from './types';

/**
 * Plugin-signed image URLs (seed 002's scheme): `?file=<id>&variant=<name>&exp=<unix s>&sig=<hex>`,
 * where `sig` is HMAC-SHA256 over file id, variant and expiry. The URL grants one rendition of one
 * file until `exp`, and nothing else: the route takes no path and no other parameter.
 */

export const SIGNATURE_INVALID = 'Signature invalid';
export const URL_EXPIRED = 'URL expired';

/** Longer query strings are refused before any parsing; a genuine one is ~120 characters. */
const MAX_QUERY_LENGTH = 256;
/** A URL we issue never lives longer than this (the config caps its lifetime at 3600 s). */
const MAX_LIFETIME_SECONDS = 3600 + 60;

const HKDF_SALT = 'strapi-plugin-auto-alt-text';
const HKDF_INFO = 'image-url-signing-v1';
const KEY_BYTES = 32;

/**
 * Signing keys, newest first. An explicit secret is used as given (through HKDF, so a secret
 * shared with something else is never used raw); otherwise one key per APP_KEYS entry, so a URL
 * signed before a key rotation still verifies while the old key is listed. Empty when neither
 * exists: there is no built-in fallback key.
 */
export const deriveSigningKeys = (options: { signingSecret?: string; appKeys?: readonly unknown[] }): Buffer[] => {
  const sources = options.signingSecret
    ? [options.signingSecret]
    : (options.appKeys ?? []).filter((key): key is string => typeof key === 'string' && key.length > 0);
  return sources.map((source) => Buffer.from(hkdfSync('sha256', source, HKDF_SALT, HKDF_INFO, KEY_BYTES)));
};

export interface SignedImageClaim {
  fileId: number;
  variant: ImageVariant;
  /** Unix seconds. */
  exp: number;
}

const mac = (key: Buffer, claim: SignedImageClaim): Buffer =>
  createHmac('sha256', key).update(`auto-alt-text:image:v1\n${claim.fileId}\n${claim.variant}\n${claim.exp}`).digest();

export const signClaim = (key: Buffer, claim: SignedImageClaim): string => mac(key, claim).toString('hex');

/** The query string for a claim, in the one order the route accepts. */
export const signedQuery = (key: Buffer, claim: SignedImageClaim): string =>
  `file=${claim.fileId}&variant=${claim.variant}&exp=${claim.exp}&sig=${signClaim(key, claim)}`;

export type VerifyResult = { ok: true; claim: SignedImageClaim } | { ok: false; message: typeof SIGNATURE_INVALID | typeof URL_EXPIRED };

const PARAM_PATTERNS: Record<string, RegExp> = {
  file: /^[1-9][0-9]{0,14}$/,
  variant: new RegExp(`^(?:${IMAGE_VARIANTS.join('|')})$`),
  exp: /^[1-9][0-9]{0,11}$/,
  sig: /^[0-9a-f]{64}$/,
};

/**
 * Checks a raw query string (as received, before any decoding). Exactly the four parameters, each
 * once, in their plain form; anything else — a missing, repeated, unknown, encoded or oversized
 * parameter — is `Signature invalid`, as is a signature by no current key. The expiry is looked at
 * only once the signature holds, so an expired-looking forgery learns nothing more.
 */
export const verifySignedQuery = (rawQuery: string, keys: readonly Buffer[], nowSeconds: number): VerifyResult => {
  const invalid: VerifyResult = { ok: false, message: SIGNATURE_INVALID };
  if (keys.length === 0 || rawQuery.length === 0 || rawQuery.length > MAX_QUERY_LENGTH) return invalid;

  const values = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    const separator = part.indexOf('=');
    if (separator <= 0) return invalid;
    const name = part.slice(0, separator);
    const value = part.slice(separator + 1);
    const pattern = Object.hasOwn(PARAM_PATTERNS, name) ? PARAM_PATTERNS[name] : undefined;
    if (!pattern || values.has(name) || !pattern.test(value)) return invalid;
    values.set(name, value);
  }
  if (values.size !== Object.keys(PARAM_PATTERNS).length) return invalid;

  const claim: SignedImageClaim = {
    fileId: Number(values.get('file')),
    variant: values.get('variant') as ImageVariant,
    exp: Number(values.get('exp')),
  };
  if (!Number.isSafeInteger(claim.fileId) || !Number.isSafeInteger(claim.exp)) return invalid;

  const given = Buffer.from(values.get('sig') as string, 'hex');
  // Every key is tried, match or not, so the time taken does not say which key (if any) matched.
  let matched = false;
  for (const key of keys) matched = timingSafeEqual(given, mac(key, claim)) || matched;
  if (!matched) return invalid;

  if (claim.exp > nowSeconds + MAX_LIFETIME_SECONDS) return invalid;
  if (claim.exp < nowSeconds) return { ok: false, message: URL_EXPIRED };
  return { ok: true, claim };
};
