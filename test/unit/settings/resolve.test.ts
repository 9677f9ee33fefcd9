import { lockedKeys } from '../../../server/src/config/locks';
import { resolveSettings, type FixedSettings } from '../../../server/src/config/resolve';
import { bindingOf, openStoredKey, sealKey } from '../../../server/src/config/saved-key';
import { fakeCipher, fileConfigWith } from './fakes';

const KEY = 'saved-key-0123456789';
const EMULATOR = 'http://127.0.0.1:4010/alttextlab/api/v1';
const editable = (): FixedSettings => {
  const fileConfig = fileConfigWith();
  return { fileConfig, locked: lockedKeys({ named: new Set(), env: () => undefined, fileConfig }) };
};

describe('a key saved from the admin', () => {
  test('is sealed with the cipher and bound to its endpoint; nothing of it is stored in the clear', () => {
    const sealed = sealKey(KEY, { provider: 'alttextlab', baseUrl: EMULATOR }, fakeCipher());
    expect(sealed).toEqual({ encrypted: expect.any(String), provider: 'alttextlab', baseUrl: EMULATOR });
    expect(JSON.stringify(sealed)).not.toContain(KEY.slice(0, 8));
  });

  test('cannot be sealed by an app with no encryption key', () => {
    expect(sealKey(KEY, { provider: 'alttextlab', baseUrl: null }, fakeCipher('k1', { available: false }))).toBeUndefined();
  });

  test('opens only at the endpoint it was saved for', () => {
    const cipher = fakeCipher();
    const sealed = sealKey(KEY, { provider: 'alttextlab', baseUrl: EMULATOR }, cipher);
    expect(openStoredKey(sealed, { provider: 'alttextlab', baseUrl: EMULATOR }, cipher)).toEqual({ key: KEY });
    expect(openStoredKey(sealed, { provider: 'alttextlab', baseUrl: null }, cipher)).toEqual({ problem: 'endpoint-changed' });
    expect(openStoredKey(sealed, { provider: 'alttextai', baseUrl: EMULATOR }, cipher)).toEqual({ problem: 'endpoint-changed' });
  });

  test('sealed under another encryption key, or mangled, it is no key at all', () => {
    const sealed = sealKey(KEY, { provider: 'alttextlab', baseUrl: null }, fakeCipher('old'));
    expect(openStoredKey(sealed, { provider: 'alttextlab', baseUrl: null }, fakeCipher('new'))).toEqual({ problem: 'undecryptable' });
    expect(openStoredKey({ encrypted: 42 }, { provider: 'alttextlab', baseUrl: null }, fakeCipher())).toEqual({ problem: 'undecryptable' });
    expect(openStoredKey(sealed, { provider: 'alttextlab', baseUrl: null }, fakeCipher('old', { available: false }))).toEqual({ problem: 'undecryptable' });
  });

  test('a legacy plain-text key is bound to the endpoint in force', () => {
    expect(bindingOf(KEY, { provider: 'alttextai', baseUrl: null })).toEqual({ provider: 'alttextai', baseUrl: null });
    expect(bindingOf({ plain: KEY, provider: 'alttextlab', baseUrl: EMULATOR }, { provider: 'alttextai', baseUrl: null })).toEqual({ provider: 'alttextlab', baseUrl: EMULATOR });
  });
});

describe('the configuration in force', () => {
  test('uses a saved key at its endpoint, with its hint only', () => {
    const cipher = fakeCipher();
    const saved = { values: { baseUrl: EMULATOR }, apiKey: sealKey(KEY, { provider: 'alttextlab', baseUrl: EMULATOR }, cipher) };
    const resolved = resolveSettings(editable(), saved, cipher);
    expect(resolved.config).toMatchObject({ apiKey: KEY, baseUrl: EMULATOR });
    expect(resolved.key).toEqual({ source: 'saved', hint: '…6789' });
  });

  test('a saved key whose endpoint is no longer the one in force is not used', () => {
    const cipher = fakeCipher();
    const saved = { values: { baseUrl: 'http://127.0.0.1:9/moved' }, apiKey: sealKey(KEY, { provider: 'alttextlab', baseUrl: EMULATOR }, cipher) };
    const resolved = resolveSettings(editable(), saved, cipher);
    expect(resolved.config.apiKey).toBeUndefined();
    expect(resolved.key).toEqual({ source: 'none', hint: null, problem: 'endpoint-changed' });
  });

  test('a key from the environment wins over a saved one and says so', () => {
    const env = { ALT_TEXT_API_KEY: 'env-key-abcdefgh' };
    const fileConfig = fileConfigWith(env);
    const fixed = { fileConfig, locked: lockedKeys({ named: new Set(), env: (name) => (env as Record<string, string>)[name], fileConfig }) };
    const cipher = fakeCipher();
    const resolved = resolveSettings(fixed, { apiKey: sealKey(KEY, { provider: 'alttextlab', baseUrl: null }, cipher) }, cipher);
    expect(resolved.config.apiKey).toBe('env-key-abcdefgh');
    expect(resolved.key).toEqual({ source: 'env', hint: '…efgh' });
  });
});
