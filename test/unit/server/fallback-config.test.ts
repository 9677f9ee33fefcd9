import { defaultConfig, describeConfigErrors } from '../../../server/src/config';
import { pluginConfigSchema } from '../../../server/src/config/schema';

const env = (values: Record<string, string>) => (key: string) => values[key];
const valid = () => defaultConfig({ env: env({ ALT_TEXT_API_KEY: 'primary-key-123456' }) });

describe('the fallback provider configuration', () => {
  test('there is none by default', () => {
    expect(valid().fallback).toBeNull();
  });

  test('the ALT_TEXT_FALLBACK_* variables describe one, waiting 600 s of transient failures by default', () => {
    const config = defaultConfig({
      env: env({ ALT_TEXT_FALLBACK_PROVIDER: 'alttextai', ALT_TEXT_FALLBACK_API_KEY: 'fallback-key-1', ALT_TEXT_FALLBACK_BASE_URL: 'http://127.0.0.1:9/ai' }),
    });
    expect(config.fallback).toEqual({ provider: 'alttextai', apiKey: 'fallback-key-1', baseUrl: 'http://127.0.0.1:9/ai', model: undefined, afterTransientSeconds: 600 });
    expect(describeConfigErrors(config)).toBeUndefined();
  });

  test('a fallback key with no fallback provider stops the boot, naming fallback.provider', () => {
    const config = defaultConfig({ env: env({ ALT_TEXT_FALLBACK_API_KEY: 'fallback-key-1' }) });
    expect(describeConfigErrors(config)).toContain('"fallback.provider"');
  });

  test.each([
    [{ provider: 'openai' }, '"fallback.model" is required when the fallback provider is "openai"'],
    [{ provider: 'alttextai', baseUrl: 'https://user:pw@x.example' }, '"fallback.baseUrl" must be an absolute http(s) URL'],
    [{ provider: 'alttextai', afterTransientSeconds: 0 }, '"fallback.afterTransientSeconds"'],
    [{ provider: 'alttextai', key: 'typo' }, '"fallback.key" is not a key this plugin knows'],
    [{ provider: 'gpt' }, '"fallback.provider"'],
  ])('%p is refused with a message naming the fallback key', (fallback, expected) => {
    expect(describeConfigErrors({ ...valid(), fallback })).toContain(expected);
  });

  test('a refused fallback never echoes its key', () => {
    expect(describeConfigErrors({ ...valid(), fallback: { provider: 'nope', apiKey: 'sk-fallback-secret' } })).not.toContain('sk-fallback-secret');
  });

  test('an OpenAI-compatible fallback with its model validates, and afterTransientSeconds may be short', () => {
    const parsed = pluginConfigSchema.parse({ ...valid(), fallback: { provider: 'openai', model: 'llava', baseUrl: 'http://127.0.0.1:11434/v1', afterTransientSeconds: 2 } });
    expect(parsed.fallback).toMatchObject({ provider: 'openai', model: 'llava', afterTransientSeconds: 2 });
  });

});
