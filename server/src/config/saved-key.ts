import { z } from 'zod';
import type { ApiKeyProblem } from '../../../shared/contracts/settings';
import { PROVIDER_NAMES, type ProviderName } from './schema';

/** Where a key is sent: the provider's API, at its default address or at `baseUrl`. */
export interface Endpoint {
  provider: ProviderName;
  baseUrl: string | null;
}

export const endpointOf = (config: { provider: ProviderName; baseUrl?: string | null }): Endpoint => ({
  provider: config.provider,
  baseUrl: config.baseUrl || null,
});

export const sameEndpoint = (a: Endpoint, b: Endpoint) => a.provider === b.provider && a.baseUrl === b.baseUrl;

/**
 * A key saved from the admin, as the core store keeps it: encrypted with the app's encryption key
 * and bound to the endpoint it was saved for. `plain` only for a key an earlier version saved in
 * plain text, in an app that has no encryption key to encrypt it with.
 */
export const storedKeySchema = z.union([
  z.object({ encrypted: z.string().min(1), provider: z.enum(PROVIDER_NAMES), baseUrl: z.string().nullable() }).strict(),
  z.object({ plain: z.string().min(1), provider: z.enum(PROVIDER_NAMES), baseUrl: z.string().nullable() }).strict(),
]);
export type StoredKey = z.infer<typeof storedKeySchema>;

/** The app's encryption (Strapi's admin encryption service: AES-256-GCM keyed by ENCRYPTION_KEY). */
export interface KeyCipher {
  /** False when the app has no encryption key configured. */
  available(): boolean;
  encrypt(plain: string): string | null;
  /** null when the value cannot be decrypted (another app's, or the key was rotated). */
  decrypt(encrypted: string): string | null;
}

export type OpenedKey = { key: string; problem?: 'unencrypted' } | { key?: undefined; problem: Exclude<ApiKeyProblem, 'unencrypted'> };

/**
 * The key to use at `endpoint`, or why there is none. A key is never handed out for an endpoint it
 * was not saved for, and a value that does not decrypt is no key at all (never garbage for a provider).
 */
export const openStoredKey = (stored: unknown, endpoint: Endpoint, cipher: KeyCipher): OpenedKey => {
  const parsed = storedKeySchema.safeParse(stored);
  if (!parsed.success) return { problem: 'undecryptable' };
  if (!sameEndpoint(parsed.data, endpoint)) return { problem: 'endpoint-changed' };
  if ('plain' in parsed.data) return { key: parsed.data.plain, problem: 'unencrypted' };
  const key = cipher.available() ? cipher.decrypt(parsed.data.encrypted) : null;
  return key ? { key } : { problem: 'undecryptable' };
};

/** Seals a typed key for the store, bound to `endpoint`; undefined when the app cannot encrypt. */
export const sealKey = (key: string, endpoint: Endpoint, cipher: KeyCipher): StoredKey | undefined => {
  const encrypted = cipher.available() ? cipher.encrypt(key) : null;
  return encrypted ? { encrypted, ...endpoint } : undefined;
};

/** The endpoint a stored key may go to: its binding, or for a legacy plain-text key the endpoint in force. */
export const bindingOf = (stored: unknown, inForce: Endpoint): Endpoint | undefined => {
  if (typeof stored === 'string' && stored !== '') return inForce;
  const parsed = storedKeySchema.safeParse(stored);
  return parsed.success ? endpointOf(parsed.data) : undefined;
};
