import pluginConfig, { defaultConfig, describeConfigErrors } from '../../../server/src/config';

const env = (values: Record<string, string>) => (key: string) => values[key];
const valid = () => defaultConfig({ env: env({ ALT_TEXT_API_KEY: 'k-123456789' }) });

describe('plugin configuration', () => {
  test('the defaults read ALT_TEXT_PROVIDER, ALT_TEXT_API_KEY and ALT_TEXT_BASE_URL', () => {
    const config = defaultConfig({
      env: env({ ALT_TEXT_PROVIDER: 'alttextai', ALT_TEXT_API_KEY: 'secret-key', ALT_TEXT_BASE_URL: 'http://127.0.0.1:9/x' }),
    });
    expect(config).toMatchObject({ provider: 'alttextai', apiKey: 'secret-key', baseUrl: 'http://127.0.0.1:9/x' });
    expect(config).toMatchObject({ lang: 'en', style: 'neutral', autoOnUpload: true, presignExpiresSeconds: 60 });
  });

  test('with nothing in the environment the provider is AltTextLab and the defaults validate', () => {
    const config = defaultConfig({ env: env({}) });
    expect(config.provider).toBe('alttextlab');
    expect(() => pluginConfig.validator(config)).not.toThrow();
  });

  test('an empty ALT_TEXT_BASE_URL counts as unset, not as an invalid URL', () => {
    expect(describeConfigErrors({ ...valid(), baseUrl: '' })).toBeUndefined();
  });

  test.each([
    [{ provider: 'gpt' }, '"provider"'],
    [{ baseUrl: 'ftp://example.com' }, '"baseUrl" must be an absolute http(s) URL'],
    [{ lang: 'english please' }, '"lang" must be a language code'],
    [{ style: 'poetic' }, '"style"'],
    [{ autoOnUpload: 'yes' }, '"autoOnUpload"'],
    [{ presignExpiresSeconds: 86400 }, '"presignExpiresSeconds"'],
    [{ apiKeys: 'typo' }, '"apiKeys" is not a key this plugin knows'],
    [{ baseUrl: 'https://api.example.com/v1?' }, '"baseUrl" must be an absolute http(s) URL with no user name or password, no query (?…) and no fragment (#…)'],
    [{ baseUrl: 'https://api.example.com/v1#' }, '"baseUrl" must be an absolute http(s) URL'],
    [{ baseUrl: 'https://attacker.example/?next=' }, '"baseUrl" must be an absolute http(s) URL'],
    [{ baseUrl: 'https://user:secret@api.example.com' }, '"baseUrl" must be an absolute http(s) URL'],
  ])('%p is refused at boot with a message naming the plugin and the key', (override, expected) => {
    expect(() => pluginConfig.validator({ ...valid(), ...override })).toThrow('[auto-alt-text] invalid plugin configuration');
    expect(describeConfigErrors({ ...valid(), ...override })).toContain(expected);
  });

  test('a budget is whole credits per day and per month, each ≥ 1 or null; a half one or an unknown period is refused by name', () => {
    expect(valid().budget).toEqual({ perDay: null, perMonth: null });
    expect(describeConfigErrors({ ...valid(), budget: { perDay: 5 } })).toBeUndefined();
    expect(describeConfigErrors({ ...valid(), budget: { perDay: 20, perMonth: 400 } })).toBeUndefined();
    expect(describeConfigErrors({ ...valid(), budget: { perDay: 0 } })).toContain('"budget.perDay"');
    expect(describeConfigErrors({ ...valid(), budget: { perMonth: 2.5 } })).toContain('"budget.perMonth"');
    expect(describeConfigErrors({ ...valid(), budget: { perWeek: 10 } })).toContain('"budget.perWeek" is not a key this plugin knows');
  });

  test('the OpenAI-compatible provider needs a model, and the message says so', () => {
    expect(describeConfigErrors({ ...valid(), provider: 'openai' })).toContain('"model" is required when provider is "openai"');
    expect(describeConfigErrors({ ...valid(), provider: 'openai', model: 'llava' })).toBeUndefined();
  });

  test('a refused config never echoes the API key', () => {
    const message = describeConfigErrors({ ...valid(), apiKey: 42, provider: 'nope' });
    expect(message).toContain('"apiKey"');
    expect(describeConfigErrors({ ...valid(), apiKey: 'sk-super-secret', lang: '!!' })).not.toContain('sk-super-secret');
  });
});
