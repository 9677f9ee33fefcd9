import { startEmulator, type Emulator } from '../../../emulator/server';
import { ALTTEXTLAB_BASE_URL, createAltTextLabProvider } from '../../../server/src/providers/alttextlab';
import type { ProviderSettings } from '../../../server/src/providers/types';
import { solidPng } from '../../support/images';
import { contractKey, runProviderContract } from './contract';
import { expectTypedFailure, startCaptureServer, startImageHost, type CaptureServer, type ImageHost } from './fixtures';

const KEY = contractKey('alttextlab');
const make = (baseUrl: string, overrides: Partial<ProviderSettings> = {}) =>
  createAltTextLabProvider({ apiKey: KEY, baseUrl, timeoutMs: 5000, maxLength: 250, ...overrides });

runProviderContract({
  name: 'alttextlab',
  make: (emulator, overrides) => make(emulator.baseUrls.alttextlab, overrides),
  supports: { url: true, base64: true, credits: true },
  successBody: (text) => ({ result: text, id: 1 }),
});

describe('the AltTextLab adapter, beyond the contract', () => {
  let emulator: Emulator;
  let host: ImageHost;
  let proxy: CaptureServer;
  let canned: CaptureServer;
  let url: string;

  beforeAll(async () => {
    host = await startImageHost({ '/photo.png': { bytes: await solidPng(40, 30, { r: 200, g: 20, b: 20 }), type: 'image/png' } });
    url = `${host.url}/photo.png`;
    emulator = await startEmulator({ accounts: [{ key: KEY, credits: 10, plan: 'Pro' }] });
    proxy = await startCaptureServer({ forwardTo: emulator.baseUrls.alttextlab });
    canned = await startCaptureServer();
  });
  afterAll(async () => {
    await Promise.all([emulator.close(), host.close(), proxy.close(), canned.close()]);
  });
  beforeEach(() => {
    emulator.reset();
    proxy.requests.length = 0;
  });

  test('documents app.alttextlab.com as its default base URL', () => {
    expect(ALTTEXTLAB_BASE_URL).toBe('https://app.alttextlab.com/api/v1');
  });

  test('sends the key as x-api-key and the image as imageUrl, with lang, style, keywords and its source tag', async () => {
    await make(proxy.url).generate({ image: { url }, lang: 'en-gb', style: 'descriptive', keywords: ['harbour', 'dawn'], fileLabel: '#1' });
    const [sent] = proxy.requests;
    expect(sent.path).toBe('/alt-text/generate');
    expect(sent.headers['x-api-key']).toBe(KEY);
    expect(sent.body).toEqual({
      imageUrl: url,
      lang: 'en-gb',
      style: 'descriptive',
      keywords: ['harbour', 'dawn'],
      source: 'strapi-plugin-auto-alt-text',
    });
  });

  test('sends inline bytes as plain base64 in imageRaw', async () => {
    await make(proxy.url).generate({ image: { base64: 'iVBORw0KGgo=', mime: 'image/png' }, lang: 'en', style: 'neutral', fileLabel: '#1' }).catch(() => undefined);
    expect(proxy.requests[0].body).toMatchObject({ imageRaw: 'iVBORw0KGgo=' });
    expect(proxy.requests[0].body).not.toHaveProperty('imageUrl');
  });

  test('the style and keywords it forwards shape the text the provider writes', async () => {
    const text = await make(emulator.baseUrls.alttextlab).generate({
      image: { url },
      lang: 'en',
      style: 'matter-of-fact',
      keywords: ['harbour', 'dawn'],
      fileLabel: '#1',
    });
    expect(text).toBe('40×30 PNG image, mostly red (#c81414); keywords: harbour, dawn');
    expect(emulator.requests[0].style).toBe('matter-of-fact');
  });

  test('leaves keywords out when there are none', async () => {
    await make(proxy.url).generate({ image: { url }, lang: 'en', style: 'neutral', keywords: [], fileLabel: '#1' });
    expect(proxy.requests[0].body).not.toHaveProperty('keywords');
  });

  test('403 NOT_ENOUGH_FUNDS is OUT_OF_CREDITS and says which answer it was', async () => {
    emulator.setFaults({ creditsAfter: 0 });
    const error = await expectTypedFailure(
      make(emulator.baseUrls.alttextlab).generate({ image: { url }, lang: 'en', style: 'neutral', fileLabel: '#1' }),
      { code: 'OUT_OF_CREDITS', provider: 'alttextlab', file: '#1', secrets: [KEY] }
    );
    expect(error.status).toBe(403);
    expect(error.message).toContain('NOT_ENOUGH_FUNDS');
  });

  test('any other 403 is a refused key, not lost credits', async () => {
    canned.reply({ status: 403, body: { message: 'Forbidden', key: 'FORBIDDEN' } });
    await expectTypedFailure(make(canned.url).generate({ image: { url }, lang: 'en', style: 'neutral', fileLabel: '#1' }), {
      code: 'INVALID_KEY',
      provider: 'alttextlab',
      secrets: [KEY],
    });
    await expect(make(canned.url).verifyKey()).resolves.toEqual({ valid: false });
  });

  test('verifyKey names the plan, and getCredits reports plan and next top-up', async () => {
    const provider = make(emulator.baseUrls.alttextlab);
    await expect(provider.verifyKey()).resolves.toEqual({ valid: true, account: 'Pro' });
    const credits = await provider.getCredits();
    expect(credits).toMatchObject({ reported: true, remaining: 10, plan: 'Pro' });
    expect(credits.reported && Date.parse(credits.refillsAt ?? '')).toBeGreaterThan(Date.now());
  });
});
