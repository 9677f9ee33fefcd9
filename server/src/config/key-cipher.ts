import type { Core } from '@strapi/strapi';
import type { KeyCipher } from './saved-key';

interface EncryptionService {
  encrypt(value: string): string | null;
  decrypt(value: string): string | null;
}

/**
 * The key cipher of this app: Strapi's admin encryption service (the one that keeps admin API
 * tokens), AES-256-GCM keyed by `admin.secrets.encryptionKey` (ENCRYPTION_KEY). Decryptions are
 * remembered per value: the settings are re-read every 30 s, and Strapi logs a warning for every
 * failed decryption.
 */
export const createStrapiKeyCipher = (strapi: Core.Strapi): KeyCipher => {
  const decrypted = new Map<string, string | null>();
  const service = () => strapi.service('admin::encryption') as unknown as EncryptionService;
  const available = () => {
    const key: unknown = strapi.config.get('admin.secrets.encryptionKey');
    return typeof key === 'string' && key !== '';
  };
  return {
    available,
    encrypt: (plain) => (available() ? service().encrypt(plain) : null),
    decrypt(encrypted) {
      if (!decrypted.has(encrypted)) {
        let value: string | null = null;
        try {
          value = available() ? service().decrypt(encrypted) : null;
        } catch {
          value = null; // a malformed value: Strapi throws instead of answering null
        }
        decrypted.set(encrypted, typeof value === 'string' && value !== '' ? value : null);
      }
      return decrypted.get(encrypted) ?? null;
    },
  };
};
