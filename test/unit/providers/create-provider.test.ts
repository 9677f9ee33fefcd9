import { defaultConfig } from '../../../server/src/config';
import type { PluginConfig } from '../../../server/src/config/schema';
import { createProvider } from '../../../server/src/providers';
import { failureOf } from './fixtures';

/** The shipped defaults (whatever keys the config grows), with the provider settings under test. */
const config = (overrides: Partial<PluginConfig>): PluginConfig => ({
  ...defaultConfig({ env: () => undefined }),
  apiKey: 'key-0123456789',
  ...overrides,
});

describe('choosing the provider from the config', () => {
  test.each([
    ['alttextlab', ['url', 'base64']],
    ['alttextai', ['url', 'base64']],
    ['openai', ['base64', 'url']],
  ] as const)('provider "%s" builds that adapter, accepting %j', (provider, accepts) => {
    const built = createProvider(config({ provider, model: 'gpt-4o-mini' }));
    expect(built?.name).toBe(provider);
    expect(built?.accepts).toEqual(accepts);
  });

  test.each(['alttextlab', 'alttextai', 'openai'] as const)('"%s" without an API key is not configured', (provider) => {
    expect(createProvider(config({ provider, apiKey: undefined }))).toBeUndefined();
  });

  test('an OpenAI-compatible baseUrl without a key is a self-hosted server, built without credentials', () => {
    const built = createProvider(config({ provider: 'openai', apiKey: undefined, baseUrl: 'http://localhost:11434/v1', model: 'llava' }));
    expect(built?.name).toBe('openai');
  });

  test('a missing model does not stop the build; each call then fails MISCONFIGURED', async () => {
    const built = createProvider(config({ provider: 'openai', model: undefined }));
    const error = await failureOf(
      built!.generate({ image: { url: 'https://example.test/a.png' }, lang: 'en', style: 'neutral', fileLabel: '#1' })
    );
    expect(error.code).toBe('MISCONFIGURED');
  });
});
