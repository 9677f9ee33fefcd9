import { ALTTEXTLAB_BASE_URL, createAltTextLabProvider } from '../../../server/src/providers/alttextlab';
import { runProviderContract } from './contract';
import { expectTypedFailure } from './fixtures';
import { adapterUnderTest, useProviderServers } from './provider-servers';

const { key: KEY, make } = adapterUnderTest('alttextlab', createAltTextLabProvider);

runProviderContract({
  name: 'alttextlab',
  make,
  supports: { url: true, base64: true, credits: true },
  successBody: (text) => ({ result: text, id: 1 }),
});

describe('the AltTextLab adapter, beyond the contract', () => {
  const servers = useProviderServers('alttextlab', { plan: 'Pro' });

  test('documents app.alttextlab.com as its default base URL', () => {
    expect(ALTTEXTLAB_BASE_URL).toBe('https://app.alttextlab.com/api/v1');
  });

  test('sends the key as x-api-key and the image as imageUrl, with lang, style, keywords and its source tag', async () => {
    await make(servers.proxy.url).generate({ image: { url: servers.url }, lang: 'en-gb', style: 'descriptive', keywords: ['harbour', 'dawn'], fileLabel: '#1' });
    const [sent] = servers.proxy.requests;
    expect(sent.path).toBe('/alt-text/generate');
    expect(sent.headers['x-api-key']).toBe(KEY);
    expect(sent.body).toEqual({
      imageUrl: servers.url,
      lang: 'en-gb',
      style: 'descriptive',
      keywords: ['harbour', 'dawn'],
      source: 'strapi-plugin-auto-alt-text',
    });
  });

  test('sends inline bytes as plain base64 in imageRaw', async () => {
    await make(servers.proxy.url).generate({ image: { base64: 'iVBORw0KGgo=', mime: 'image/png' }, lang: 'en', style: 'neutral', fileLabel: '#1' }).catch(() => undefined);
    expect(servers.proxy.requests[0].body).toMatchObject({ imageRaw: 'iVBORw0KGgo=' });
    expect(servers.proxy.requests[0].body).not.toHaveProperty('imageUrl');
  });

  test('the style and keywords it forwards shape the text the provider writes', async () => {
    const text = await make(servers.emulator.baseUrls.alttextlab).generate({
      image: { url: servers.url },
      lang: 'en',
      style: 'matter-of-fact',
      keywords: ['harbour', 'dawn'],
      fileLabel: '#1',
    });
    expect(text).toBe('40×30 PNG image, mostly red (#c81414); keywords: harbour, dawn');
    expect(servers.emulator.requests[0].style).toBe('matter-of-fact');
  });

  test('leaves keywords out when there are none', async () => {
    await make(servers.proxy.url).generate({ image: { url: servers.url }, lang: 'en', style: 'neutral', keywords: [], fileLabel: '#1' });
    expect(servers.proxy.requests[0].body).not.toHaveProperty('keywords');
  });

  test('403 NOT_ENOUGH_FUNDS is OUT_OF_CREDITS and says which answer it was', async () => {
    servers.emulator.setFaults({ creditsAfter: 0 });
    const error = await expectTypedFailure(
      make(servers.emulator.baseUrls.alttextlab).generate({ image: { url: servers.url }, lang: 'en', style: 'neutral', fileLabel: '#1' }),
      { code: 'OUT_OF_CREDITS', provider: 'alttextlab', file: '#1', secrets: [KEY] }
    );
    expect(error.status).toBe(403);
    expect(error.message).toContain('NOT_ENOUGH_FUNDS');
  });

  test('any other 403 is a refused key, not lost credits', async () => {
    servers.canned.reply({ status: 403, body: { message: 'Forbidden', key: 'FORBIDDEN' } });
    await expectTypedFailure(make(servers.canned.url).generate({ image: { url: servers.url }, lang: 'en', style: 'neutral', fileLabel: '#1' }), {
      code: 'INVALID_KEY',
      provider: 'alttextlab',
      secrets: [KEY],
    });
    await expect(make(servers.canned.url).verifyKey()).resolves.toEqual({ valid: false });
  });

  test('verifyKey names the plan, and getCredits reports plan and next top-up', async () => {
    const provider = make(servers.emulator.baseUrls.alttextlab);
    await expect(provider.verifyKey()).resolves.toEqual({ valid: true, account: 'Pro' });
    const credits = await provider.getCredits();
    expect(credits).toMatchObject({ reported: true, remaining: 10, plan: 'Pro' });
    expect(credits.reported && Date.parse(credits.refillsAt ?? '')).toBeGreaterThan(Date.now());
  });
});
