import { describeLocks, lockedKeys, lockReasons } from '../../../server/src/config/locks';
import { fileConfigWith } from './fakes';

const envOf = (values: Record<string, string>) => (name: string) => values[name];

describe('which settings are locked', () => {
  test('nothing named and no variable set: everything is editable', () => {
    expect(lockedKeys({ named: new Set(), env: envOf({}), fileConfig: fileConfigWith() })).toEqual({});
  });

  test('a key named in config/plugins is locked even when its value is undefined or equal to the default', () => {
    const locked = lockedKeys({ named: new Set(['model', 'lang', 'concurrency']), env: envOf({}), fileConfig: fileConfigWith() });
    expect(locked).toEqual({ model: 'Set in config/plugins', lang: 'Set in config/plugins', concurrency: 'Set in config/plugins' });
  });

  test('a base URL locked in config/plugins locks the provider with it (the address means nothing for another API)', () => {
    const locked = lockedKeys({ named: new Set(['baseUrl']), env: envOf({}), fileConfig: fileConfigWith() });
    expect(locked).toEqual({ baseUrl: 'Set in config/plugins', provider: 'Bound to the base URL set in config/plugins' });
  });

  test('a base URL from the environment locks the provider too; the key stays the admin’s to save', () => {
    const env = { ALT_TEXT_BASE_URL: 'http://127.0.0.1:9/x' };
    const reasons = lockReasons({ named: new Set(), env: envOf(env), fileConfig: fileConfigWith(env) });
    expect(reasons).toEqual({
      baseUrl: { code: 'env', params: { variable: 'ALT_TEXT_BASE_URL' } },
      provider: { code: 'boundToBaseUrl', params: { variable: 'ALT_TEXT_BASE_URL' } },
    });
  });

  test('an environment variable the plugin reads locks its key; an empty one does not', () => {
    const env = { ALT_TEXT_BASE_URL: 'http://127.0.0.1:9/x', ALT_TEXT_MODEL: '  ', ALT_TEXT_PROVIDER: 'openai' };
    const locked = lockedKeys({ named: new Set(), env: envOf(env), fileConfig: fileConfigWith(env) });
    expect(locked).toEqual({
      baseUrl: 'Set by the ALT_TEXT_BASE_URL environment variable',
      provider: 'Set by the ALT_TEXT_PROVIDER environment variable',
    });
  });

  test('a named key whose value is not the variable’s is a config decision', () => {
    const env = { ALT_TEXT_BASE_URL: 'http://127.0.0.1:9/from-env' };
    const fileConfig = fileConfigWith(env, { baseUrl: 'http://127.0.0.1:9/from-config' });
    expect(lockedKeys({ named: new Set(['baseUrl']), env: envOf(env), fileConfig }).baseUrl).toBe('Set in config/plugins');
  });

  test('a key from the environment binds the provider and base URL to it', () => {
    const env = { ALT_TEXT_API_KEY: 'env-key-0000' };
    expect(lockedKeys({ named: new Set(), env: envOf(env), fileConfig: fileConfigWith(env) })).toEqual({
      apiKey: 'Set by the ALT_TEXT_API_KEY environment variable',
      provider: 'Bound to the API key set by ALT_TEXT_API_KEY',
      baseUrl: 'Bound to the API key set by ALT_TEXT_API_KEY',
    });
  });

  test('a key from config/plugins binds them too, and keeps a base URL’s own reason', () => {
    const fileConfig = fileConfigWith({}, { apiKey: 'config-key-0000', baseUrl: 'http://127.0.0.1:9/x' });
    expect(lockedKeys({ named: new Set(['apiKey', 'baseUrl']), env: envOf({}), fileConfig })).toEqual({
      apiKey: 'Set in config/plugins',
      baseUrl: 'Set in config/plugins',
      provider: 'Bound to the API key set in config/plugins',
    });
  });

  test('a key in force from the file config locks the endpoint even if the named keys could not be read', () => {
    const fileConfig = fileConfigWith({}, { apiKey: 'config-key-0000' });
    expect(lockedKeys({ named: new Set(), env: envOf({}), fileConfig })).toMatchObject({ apiKey: 'Set in config/plugins', provider: expect.stringMatching(/^Bound/), baseUrl: expect.stringMatching(/^Bound/) });
  });

  test('apiKey named with no value is locked and locks the provider (one unit), but not the base URL (no key travels)', () => {
    expect(lockedKeys({ named: new Set(['apiKey']), env: envOf({}), fileConfig: fileConfigWith() })).toEqual({
      apiKey: 'Set in config/plugins',
      provider: 'Bound to the API key set in config/plugins',
    });
  });

  test('every reason has a code the admin translates, and the same words in `locked`', () => {
    const env = { ALT_TEXT_API_KEY: 'env-key-0000' };
    const input = { named: new Set(['lang']), env: envOf(env), fileConfig: fileConfigWith(env) };
    expect(lockReasons(input)).toEqual({
      lang: { code: 'config' },
      apiKey: { code: 'env', params: { variable: 'ALT_TEXT_API_KEY' } },
      provider: { code: 'boundToKey', params: { variable: 'ALT_TEXT_API_KEY' } },
      baseUrl: { code: 'boundToKey', params: { variable: 'ALT_TEXT_API_KEY' } },
    });
    expect(describeLocks(lockReasons(input))).toEqual(lockedKeys(input));
  });
});
