import { startEmulator, type Emulator } from '../../../emulator/server';
import { call, serveBytes, serveStatus, solidPng, startImageHost, type ImageHost } from './helpers';

const KEY = 'autoalt-key-5555';

interface GenerateAnswer {
  success?: boolean;
  error?: string;
  results?: Array<{ url?: string; filename?: string; alt_text?: string; success: boolean; error?: string }>;
  credits_remaining?: number;
  processed_count?: number;
}

describe('AltTextAI (autoalt.app) emulator', () => {
  let emulator: Emulator;
  let host: ImageHost;
  let red: Buffer;

  beforeAll(async () => {
    red = await solidPng(64, 48, '#d01818');
    host = await startImageHost({
      '/red.png': serveBytes(red),
      '/teal.png': serveBytes(await solidPng(7, 5, '#008080')),
      '/private.png': serveStatus(403),
    });
  });
  afterAll(() => host.close());

  beforeEach(async () => {
    emulator = await startEmulator({ accounts: [{ key: KEY, credits: 5 }] });
  });
  afterEach(() => emulator.close());

  const generate = (body: unknown, key = KEY) =>
    call<GenerateAnswer>(`${emulator.baseUrls.alttextai}/generate`, { headers: { authorization: `Bearer ${key}` }, body });

  it('describes a base64 image and reports the credits left', async () => {
    const response = await generate({ image: red.toString('base64') });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      success: true,
      results: [{ filename: 'image', alt_text: 'A 64×48 image dominated by red (#d01818)', success: true }],
      credits_remaining: 4,
      processed_count: 1,
    });
  });

  it('fetches a list of urls, one credit and one recorded request per image', async () => {
    const urls = [`${host.url}/red.png`, `${host.url}/teal.png`];

    const response = await generate({ urls });

    expect(response.body.results?.map((r) => [r.url, r.alt_text?.split(' dominated')[0]])).toEqual([
      [urls[0], 'A 64×48 image'],
      [urls[1], 'A 7×5 image'],
    ]);
    expect(response.body.credits_remaining).toBe(3);
    expect(emulator.requests.map((r) => [r.provider, r.imageUrl, r.status])).toEqual([
      ['alttextai', urls[0], 200],
      ['alttextai', urls[1], 200],
    ]);
  });

  it('writes in the requested language and refuses one it does not offer', async () => {
    const german = await generate({ image: red.toString('base64'), language: 'de' });
    const klingon = await generate({ image: red.toString('base64'), language: 'tlh' });

    expect(german.body.results?.[0].alt_text).toMatch(/^\[de\] /);
    expect(klingon.status).toBe(400);
  });

  it('answers 404 "Image URL not accessible" for an image it cannot fetch, charging nothing', async () => {
    const url = `${host.url}/private.png?sig=hidden`;

    const response = await generate({ urls: [url] });

    expect(response.status).toBe(404);
    // The whole body, so the image host's 403 cannot leak anywhere but in the client's own URL
    // (whose random port may well contain "403").
    expect(response.body).toEqual({
      error: 'Image URL not accessible',
      results: [{ url, success: false, error: 'Image URL not accessible' }],
    });
    expect(emulator.account(KEY)?.charged).toBe(0);
  });

  it('charges only the images that succeeded in a mixed batch', async () => {
    const response = await generate({ urls: [`${host.url}/private.png`, `${host.url}/red.png`] });

    expect(response.status).toBe(200);
    expect(response.body.results?.map((r) => r.success)).toEqual([false, true]);
    expect(response.body.results?.[0].error).toBe('Image URL not accessible');
    expect(response.body.processed_count).toBe(1);
    expect(emulator.account(KEY)).toMatchObject({ credits: 4, charged: 1 });
  });

  it('answers 401 "Invalid or inactive API key" for a wrong or missing Bearer token', async () => {
    const wrong = await generate({ image: red.toString('base64') }, 'wrong');
    const missing = await call(`${emulator.baseUrls.alttextai}/generate`, { body: { image: red.toString('base64') } });

    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('Invalid or inactive API key');
    expect(missing.status).toBe(401);
  });

  it('answers 403 "No credits remaining" when the account is empty', async () => {
    emulator.addAccount({ key: KEY, credits: 0 });

    const response = await generate({ image: red.toString('base64') });

    expect(response.status).toBe(403);
    expect(response.body.error).toBe('No credits remaining');
  });

  it('renders a rate-limit fault as 403 "Rate limit exceeded", told apart only by its message', async () => {
    emulator.setFaults({ status: 429, retryAfterSeconds: 30 });

    const response = await generate({ image: red.toString('base64') });

    expect(response.status).toBe(403);
    expect(response.body.error).toBe('Rate limit exceeded');
    expect(response.headers.get('retry-after')).toBe('30');
  });

  it('answers 400 for a body with neither image nor urls', async () => {
    const response = await generate({ picture: 'x' });

    expect(response.status).toBe(400);
    expect(typeof response.body.error).toBe('string');
  });

  it('verifies a key with its user id and credits', async () => {
    const valid = await call(`${emulator.baseUrls.alttextai}/verify-api-key`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}` },
    });
    const invalid = await call(`${emulator.baseUrls.alttextai}/verify-api-key`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
    });

    expect(valid.status).toBe(200);
    expect(valid.body).toEqual({ valid: true, user_id: expect.stringMatching(/^user_/), credits_remaining: 5 });
    expect(invalid.status).toBe(401);
    expect(invalid.body.error).toBe('Invalid or inactive API key');
  });

  it('reports credits with the same user id after a generation', async () => {
    await generate({ image: red.toString('base64') });
    const headers = { authorization: `Bearer ${KEY}` };

    const credits = await call(`${emulator.baseUrls.alttextai}/credits`, { headers });
    const verify = await call(`${emulator.baseUrls.alttextai}/verify-api-key`, { method: 'POST', headers });

    expect(credits.body).toEqual({ credits: 4, user_id: verify.body.user_id });
  });
});
