import { lockedKeys, type Locks } from '../../../server/src/config/locks';
import { verifyTarget } from '../../../server/src/validation/verify';
import { fileConfigWith } from './fakes';

const KEY_IN_FORCE = 'key-in-force-000000';
const EMULATOR = 'http://127.0.0.1:4010/alttextlab/api/v1';
const STRANGER = 'http://127.0.0.1:9999';
const inForce = fileConfigWith({}, { apiKey: KEY_IN_FORCE, baseUrl: EMULATOR });
const unlocked: Locks = {};

describe('what Verify may ask, and with which key', () => {
  test('no body: the key in force at the endpoint in force', () => {
    expect(verifyTarget({}, inForce, unlocked)).toEqual({ ok: true, inForce: true, config: inForce });
  });

  test('the form’s values equal to those in force are still the key in force', () => {
    const target = verifyTarget({ provider: 'alttextlab', baseUrl: EMULATOR, model: '' }, inForce, unlocked);
    expect(target).toMatchObject({ ok: true, inForce: true, config: { apiKey: KEY_IN_FORCE } });
  });

  test.each([
    ['another base URL', { baseUrl: STRANGER }],
    ['the provider’s default address', { baseUrl: null }],
    ['another provider', { provider: 'alttextai' }],
  ])('%s without a typed key: refused on apiKey, the key in force goes nowhere', (_name, body) => {
    expect(verifyTarget(body, inForce, unlocked)).toEqual({ ok: false, errors: [{ path: ['apiKey'], message: expect.stringMatching(/type the key/), code: 'retypeKeyOnVerify' }] });
  });

  test('another endpoint with a typed key: that key, there, and it is not the key in force', () => {
    expect(verifyTarget({ baseUrl: STRANGER, apiKey: ' typed-key ' }, inForce, unlocked)).toMatchObject({
      ok: true,
      inForce: false,
      config: { apiKey: 'typed-key', baseUrl: STRANGER },
    });
  });

  test('an OpenAI-compatible server elsewhere is asked with no key at all', () => {
    const target = verifyTarget({ provider: 'openai', baseUrl: STRANGER, model: 'llava' }, inForce, unlocked);
    expect(target).toMatchObject({ ok: true, inForce: false, config: { provider: 'openai', baseUrl: STRANGER, model: 'llava' } });
    expect(target.ok && target.config.apiKey).toBeUndefined();
  });

  test.each([`${STRANGER}/x?`, `${STRANGER}/x#`, `${STRANGER}/?a=b`, 'http://user:pass@127.0.0.1:9999', 'ftp://127.0.0.1', 'not a url'])(
    'a base URL that breaks the rule (%s) is refused on baseUrl, even with a typed key',
    (baseUrl) => {
      expect(verifyTarget({ baseUrl, apiKey: 'typed-key' }, inForce, unlocked)).toEqual({
        ok: false,
        errors: [{ path: ['baseUrl'], message: 'must be an absolute http(s) URL with no user name or password, no query (?…) and no fragment (#…)', code: 'invalidBaseUrl' }],
      });
    }
  );

  test('locked values that differ are refused as Save refuses them; equal ones pass', () => {
    const env = { ALT_TEXT_API_KEY: KEY_IN_FORCE, ALT_TEXT_BASE_URL: EMULATOR };
    const fileConfig = fileConfigWith(env);
    const locked = lockedKeys({ named: new Set(), env: (name) => (env as Record<string, string>)[name], fileConfig });
    expect(verifyTarget({ baseUrl: STRANGER, provider: 'alttextai', apiKey: 'typed' }, fileConfig, locked)).toEqual({
      ok: false,
      errors: [
        { path: ['provider'], message: 'is set in config/plugins or the environment and cannot be changed here', code: 'locked' },
        { path: ['baseUrl'], message: 'is set in config/plugins or the environment and cannot be changed here', code: 'locked' },
      ],
    });
    expect(verifyTarget({ baseUrl: EMULATOR, provider: 'alttextlab' }, fileConfig, locked)).toMatchObject({ ok: true, inForce: true });
  });

  test('unknown keys and wrong types are field errors', () => {
    expect(verifyTarget({ apiKey: 42, url: 'x' }, inForce, unlocked)).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([
        expect.objectContaining({ path: ['apiKey'], code: 'wrongType', params: { expected: 'string' } }),
        expect.objectContaining({ path: ['url'], code: 'unknownKey' }),
      ]),
    });
  });
});
