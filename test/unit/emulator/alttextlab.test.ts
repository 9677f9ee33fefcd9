import { startEmulator, type Emulator } from '../../../emulator/server';
import { call, closedPort, serveBytes, serveStatus, solidPng, startImageHost, type ImageHost } from './helpers';

const KEY = 'lab-key-1234';

describe('AltTextLab emulator', () => {
  let host: ImageHost;
  let red: Buffer;
  let blue: Buffer;
  let emulator: Emulator;

  beforeAll(async () => {
    red = await solidPng(64, 48, '#d01818');
    blue = await solidPng(20, 30, '#1830d0');
    host = await startImageHost({
      '/red.png': serveBytes(red),
      '/forbidden.png': serveStatus(403),
      '/moved.png': serveStatus(302, { location: '/red.png' }),
      '/notes.txt': serveBytes(Buffer.from('these are not pixels'), 'text/plain'),
      '/silent.png': () => undefined, // never answers
    });
  });
  afterAll(() => host.close());

  beforeEach(async () => {
    host.requests.length = 0;
    emulator = await startEmulator({ accounts: [{ key: KEY, credits: 5, plan: 'Pro' }] });
  });
  afterEach(() => emulator.close());

  /** `key: null` sends no x-api-key header at all. */
  function generate(body: unknown, key: string | null = KEY) {
    const headers: Record<string, string> = key === null ? {} : { 'x-api-key': key };
    return call(`${emulator.baseUrls.alttextlab}/alt-text/generate`, { headers, body });
  }

  it('describes a reachable image by its size and colour and charges one credit', async () => {
    const response = await generate({ imageUrl: `${host.url}/red.png`, lang: 'en', style: 'neutral' });

    expect(response.status).toBe(200);
    expect(response.body.result).toBe('A 64×48 image dominated by red (#d01818)');
    expect(typeof response.body.id).toBe('number');
    expect(emulator.account(KEY)).toMatchObject({ credits: 4, charged: 1 });
  });

  it('fetches the image with a plain GET that carries no credentials', async () => {
    await generate({ imageUrl: `${host.url}/red.png` });

    expect(host.requests).toHaveLength(1);
    expect(host.requests[0].method).toBe('GET');
    expect(host.requests[0].headers.authorization).toBeUndefined();
    expect(host.requests[0].headers['x-api-key']).toBeUndefined();
  });

  it('accepts the image as plain base64 in imageRaw and describes those bytes', async () => {
    const response = await generate({ imageRaw: blue.toString('base64') });

    expect(response.status).toBe(200);
    expect(response.body.result).toBe('A 20×30 image dominated by blue (#1830d0)');
    expect(emulator.requests[0].imageSource).toBe('base64');
  });

  it('honours lang and style in the text it returns', async () => {
    const response = await generate({ imageRaw: red.toString('base64'), lang: 'de', style: 'minimal' });

    expect(response.body.result).toBe('[de] Red 64×48 image');
  });

  it('records the keywords and ecommerce it was sent and names them in its text', async () => {
    const ecommerce = { product: 'Trail Runner 2', brand: 'Acme' };
    const response = await generate({ imageRaw: red.toString('base64'), keywords: ['Blue Ridge trail', 'hiking'], ecommerce });

    expect(response.body.result).toBe(
      'A 64×48 image dominated by red (#d01818); keywords: Blue Ridge trail, hiking; product: Trail Runner 2, brand: Acme',
    );
    expect(emulator.requests[0]).toMatchObject({ keywords: ['Blue Ridge trail', 'hiking'], ecommerce });
  });

  it('records no keywords or ecommerce when none were sent, and its text stays the plain description', async () => {
    const response = await generate({ imageRaw: red.toString('base64') });

    expect(response.body.result).toBe('A 64×48 image dominated by red (#d01818)');
    expect(emulator.requests[0]).not.toHaveProperty('keywords');
    expect(emulator.requests[0]).not.toHaveProperty('ecommerce');
  });

  it('answers 400 for ecommerce that is not an object of strings, and charges nothing', async () => {
    const notObject = await generate({ imageRaw: red.toString('base64'), ecommerce: 'Acme' });
    const notStrings = await generate({ imageRaw: red.toString('base64'), ecommerce: { brand: 7 } });

    expect([notObject.status, notStrings.status]).toEqual([400, 400]);
    expect(notStrings.body.message).toContain('ecommerce');
    expect(emulator.account(KEY)?.charged).toBe(0);
  });

  it('answers 401 for an unknown key and for a missing key, and charges nobody', async () => {
    const unknown = await generate({ imageRaw: red.toString('base64') }, 'not-a-key');
    const missing = await generate({ imageRaw: red.toString('base64') }, null);

    expect(unknown.status).toBe(401);
    expect(unknown.body.message).toBe('Invalid API key');
    expect(missing.status).toBe(401);
    expect(emulator.account(KEY)).toMatchObject({ credits: 5, charged: 0 });
  });

  it('answers 400 for a body with no image, a non-JSON body or an unknown style', async () => {
    const noImage = await generate({ lang: 'en' });
    const notJson = await generate('imageUrl=http://x');
    const badStyle = await generate({ imageRaw: red.toString('base64'), style: 'poetic' });

    expect([noImage.status, notJson.status, badStyle.status]).toEqual([400, 400, 400]);
    expect(emulator.account(KEY)?.credits).toBe(5);
  });

  it('answers IMAGE_FETCH_FAILED when the image host refuses, without charging or echoing the URL', async () => {
    const presigned = `${host.url}/forbidden.png?X-Amz-Signature=topsecret&X-Amz-Expires=60`;

    const response = await generate({ imageUrl: presigned });

    expect(response.status).toBe(500);
    expect(response.body.key).toBe('IMAGE_FETCH_FAILED');
    expect(response.body.message).toContain('403');
    expect(JSON.stringify(response.body)).not.toContain('topsecret');
    expect(JSON.stringify(response.body)).not.toContain(host.url);
    expect(emulator.account(KEY)).toMatchObject({ credits: 5, charged: 0 });
    expect(emulator.requests[0]).toMatchObject({ imageUrl: presigned, imageFetchStatus: 403, status: 500 });
  });

  it('does not follow a redirect: a 3xx is a failed fetch', async () => {
    const response = await generate({ imageUrl: `${host.url}/moved.png` });

    expect(response.status).toBe(500);
    expect(response.body.key).toBe('IMAGE_FETCH_FAILED');
    expect(response.body.message).toContain('302');
    expect(host.requests.map((r) => r.path)).toEqual(['/moved.png']);
  });

  it('treats an image host nobody listens on as a failed fetch that costs nothing', async () => {
    const response = await generate({ imageUrl: `http://127.0.0.1:${await closedPort()}/red.png` });

    expect(response.status).toBe(500);
    expect(response.body.key).toBe('IMAGE_FETCH_FAILED');
    expect(emulator.account(KEY)?.charged).toBe(0);
  });

  it('gives up on an image host that does not answer within the fetch timeout', async () => {
    const impatient = await startEmulator({ accounts: [{ key: KEY, credits: 1 }], fetchTimeoutMs: 200 });
    try {
      const response = await call(`${impatient.baseUrls.alttextlab}/alt-text/generate`, {
        headers: { 'x-api-key': KEY },
        body: { imageUrl: `${host.url}/silent.png` },
      });

      expect(response.status).toBe(500);
      expect(response.body.message).toContain('did not answer within 200 ms');
      expect(response.ms).toBeLessThan(2000);
      expect(impatient.account(KEY)?.credits).toBe(1);
    } finally {
      await impatient.close();
    }
  });

  it('answers IMAGE_INVALID for bytes that are not an image, without charging', async () => {
    const fetched = await generate({ imageUrl: `${host.url}/notes.txt` });
    const raw = await generate({ imageRaw: Buffer.from('plain text').toString('base64') });

    expect(fetched.status).toBe(500);
    expect(fetched.body.key).toBe('IMAGE_INVALID');
    expect(raw.status).toBe(500);
    expect(raw.body.key).toBe('IMAGE_INVALID');
    expect(emulator.account(KEY)).toMatchObject({ credits: 5, charged: 0 });
  });

  it('answers 403 NOT_ENOUGH_FUNDS once the credits are spent', async () => {
    emulator.addAccount({ key: 'two-credits', credits: 2 });
    const body = { imageRaw: red.toString('base64') };

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await generate(body, 'two-credits')).status);
    const refused = await generate(body, 'two-credits');

    expect(statuses).toEqual([200, 200, 403]);
    expect(refused.body.key).toBe('NOT_ENOUGH_FUNDS');
    expect(emulator.account('two-credits')).toMatchObject({ credits: 0, charged: 2 });
  });

  it('never spends more credits than the account holds when calls race', async () => {
    emulator.addAccount({ key: 'three-credits', credits: 3 });

    const responses = await Promise.all(
      Array.from({ length: 6 }, () => generate({ imageUrl: `${host.url}/red.png` }, 'three-credits')),
    );

    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 403, 403, 403]);
    expect(emulator.account('three-credits')).toMatchObject({ credits: 0, charged: 3 });
  });

  it('reports the plan and the decreasing credits in subscriptions/info', async () => {
    const info = () => call(`${emulator.baseUrls.alttextlab}/subscriptions/info`, { headers: { 'x-api-key': KEY } });

    const before = await info();
    await generate({ imageRaw: red.toString('base64') });
    const after = await info();

    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ planName: 'Pro', isActive: true, credits: 5, nextReceiving: 5 });
    expect(Number.isNaN(Date.parse(String(before.body.nextReceivingAt)))).toBe(false);
    expect(after.body.credits).toBe(4);
  });

  it('answers 401 from subscriptions/info for an unknown key, so it doubles as key verification', async () => {
    const response = await call(`${emulator.baseUrls.alttextlab}/subscriptions/info`, { headers: { 'x-api-key': 'nope' } });

    expect(response.status).toBe(401);
  });

  it('records every generate call with only the last 4 characters of the key', async () => {
    await generate({ imageUrl: `${host.url}/red.png`, lang: 'fr', style: 'minimal' });
    await generate({ imageRaw: red.toString('base64') }, 'wrong-key-9999');

    const requests = await emulator.waitForRequests(2);

    expect(requests[0]).toMatchObject({
      provider: 'alttextlab',
      key: '…1234',
      imageSource: 'url',
      imageUrl: `${host.url}/red.png`,
      imageFetchStatus: 200,
      status: 200,
      result: '[fr] Red 64×48 image',
      lang: 'fr',
      style: 'minimal',
    });
    expect(requests[1]).toMatchObject({ key: '…9999', status: 401 });
    expect(JSON.stringify(requests)).not.toContain(KEY);
  });

  it('rejects waitForRequests when the calls do not arrive in time', async () => {
    await expect(emulator.waitForRequests(1, 50)).rejects.toThrow('saw 0');
  });
});
