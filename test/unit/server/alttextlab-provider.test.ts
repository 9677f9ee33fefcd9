import { startEmulator, type Emulator } from '../../../emulator/server';
import { createAltTextLabProvider } from '../../../server/src/providers/alttextlab';
import { AltTextError } from '../../../server/src/providers/errors';
import { solidPng } from '../../support/images';
import { serveBytes, type ServedBytes } from '../../support/serve-bytes';

const KEY = 'lab-key-0123456789abcdef';

describe('the AltTextLab adapter against the emulator over HTTP', () => {
  let emulator: Emulator;
  let image: ServedBytes;
  let png: Buffer;

  const provider = (overrides: { apiKey?: string; timeoutMs?: number } = {}) =>
    createAltTextLabProvider({ apiKey: overrides.apiKey ?? KEY, baseUrl: emulator.baseUrls.alttextlab, timeoutMs: overrides.timeoutMs ?? 5000, maxLength: 250 });
  const generate = (p = provider()) =>
    p.generate({ image: { url: image.url }, lang: 'en', style: 'neutral', fileLabel: '#7 "cat.png"' });
  const failureOf = async (promise: Promise<unknown>): Promise<AltTextError> => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(AltTextError);
    return error as AltTextError;
  };

  beforeAll(async () => {
    png = await solidPng(32, 24, { r: 10, g: 10, b: 200 });
    image = await serveBytes(png, 'image/png');
    emulator = await startEmulator({ accounts: [{ key: KEY, credits: 10, plan: 'Pro' }] });
  });
  afterAll(async () => {
    await emulator.close();
    await image.close();
  });
  beforeEach(() => emulator.reset());

  test('generates from a URL and reports the text for that image', async () => {
    await expect(generate()).resolves.toMatch(/^A 32×24 image dominated by blue/);
  });

  test('generates from inline base64 (imageRaw)', async () => {
    const text = await provider().generate({ image: { base64: png.toString('base64'), mime: 'image/png' }, lang: 'en', style: 'neutral', fileLabel: '#7' });
    expect(text).toMatch(/32×24/);
    expect(emulator.requests[0].imageSource).toBe('base64');
  });

  test('reads credits and plan, and verifies the key', async () => {
    await generate();
    await expect(provider().getCredits()).resolves.toMatchObject({ remaining: 9, plan: 'Pro' });
    await expect(provider().verifyKey()).resolves.toEqual({ valid: true, account: 'Pro' });
    await expect(provider({ apiKey: 'wrong-key-123456' }).verifyKey()).resolves.toEqual({ valid: false });
  });

  test('a wrong key is INVALID_KEY, and the message names the provider and the file but not the key', async () => {
    const error = await failureOf(generate(provider({ apiKey: 'wrong-key-123456' })));
    expect(error.code).toBe('INVALID_KEY');
    expect(error.message).toContain('alttextlab');
    expect(error.message).toContain('#7 "cat.png"');
    expect(error.message).not.toContain('wrong-key-123456');
  });

  test('403 NOT_ENOUGH_FUNDS is OUT_OF_CREDITS', async () => {
    emulator.setFaults({ creditsAfter: 0 });
    expect((await failureOf(generate())).code).toBe('OUT_OF_CREDITS');
  });

  test('429 with Retry-After is RATE_LIMITED with the wait in milliseconds', async () => {
    emulator.setFaults({ status: 429, retryAfterSeconds: 7 });
    const error = await failureOf(generate());
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterMs).toBe(7000);
  });

  test('a 502 HTML page is TRANSIENT and says it was HTML', async () => {
    emulator.setFaults({ status: 502, htmlBody: true });
    const error = await failureOf(generate());
    expect(error.code).toBe('TRANSIENT');
    expect(error.message).toContain('HTML');
  });

  test('malformed JSON and a wrong shape are BAD_RESPONSE', async () => {
    emulator.setFaults({ malformedJson: true, times: 1 });
    expect((await failureOf(generate())).code).toBe('BAD_RESPONSE');
    emulator.setFaults({ wrongShape: true, times: 1 });
    expect((await failureOf(generate())).code).toBe('BAD_RESPONSE');
  });

  test('a hang past the timeout is TIMEOUT', async () => {
    emulator.setFaults({ hang: true });
    expect((await failureOf(generate(provider({ timeoutMs: 300 })))).code).toBe('TIMEOUT');
  });

  test('an image the provider cannot download is IMAGE_UNREACHABLE and costs no credit', async () => {
    const error = await failureOf(
      provider().generate({ image: { url: `${image.url}-missing` }, lang: 'en', style: 'neutral', fileLabel: '#8' })
    );
    expect(error.code).toBe('IMAGE_UNREACHABLE');
    expect(emulator.account(KEY)?.charged).toBe(0);
  });

  test('a refused connection is TRANSIENT', async () => {
    const closed = createAltTextLabProvider({ apiKey: KEY, baseUrl: 'http://127.0.0.1:1/api/v1', timeoutMs: 2000, maxLength: 250 });
    expect((await failureOf(generate(closed))).code).toBe('TRANSIENT');
  });
});
