import { defaultConfig } from '../../../server/src/config';
import type { PluginConfig } from '../../../server/src/config/schema';
import type { KeyCipher } from '../../../server/src/config/saved-key';

/** The plugin's defaults with these environment variables set, as Strapi would merge them. */
export const fileConfigWith = (env: Record<string, string> = {}, overrides: Partial<PluginConfig> = {}): PluginConfig => ({
  ...defaultConfig({ env: (name) => env[name] }),
  ...overrides,
});

/**
 * A cipher keyed by `secret`: "enc:<secret>:<reversed text>". Values sealed under another secret
 * (a rotated key) do not open; `available: false` is an app with no encryption key.
 */
export const fakeCipher = (secret = 'k1', { available = true } = {}): KeyCipher & { decryptions: number } => {
  const cipher = {
    decryptions: 0,
    available: () => available,
    encrypt: (plain: string) => (available ? `enc:${secret}:${[...plain].reverse().join('')}` : null),
    decrypt(encrypted: string) {
      cipher.decryptions += 1;
      const prefix = `enc:${secret}:`;
      return encrypted.startsWith(prefix) ? [...encrypted.slice(prefix.length)].reverse().join('') : null;
    },
  };
  return cipher;
};
