import { startEmulator, type Emulator } from '../../../emulator/server';
import { call, solidPng } from './helpers';

const KEY = 'fault-key-0001';
const OTHER = 'calm-key-0002';

describe('Emulator faults', () => {
  let emulator: Emulator;
  let body: { imageRaw: string };

  beforeAll(async () => {
    body = { imageRaw: (await solidPng(8, 8, '#28aa28')).toString('base64') };
  });
  beforeEach(async () => {
    emulator = await startEmulator({
      accounts: [
        { key: KEY, credits: 10 },
        { key: OTHER, credits: 10 },
      ],
    });
  });
  afterEach(() => emulator.close());

  const generateUrl = () => `${emulator.baseUrls.alttextlab}/alt-text/generate`;
  const generate = (key = KEY) => call(generateUrl(), { headers: { 'x-api-key': key }, body });
  const rawGenerate = (key = KEY, signal?: AbortSignal) =>
    fetch(generateUrl(), {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });

  it('delays the answer by latencyMs', async () => {
    emulator.setFaults({ latencyMs: 300 });

    const response = await generate();

    expect(response.status).toBe(200);
    expect(response.ms).toBeGreaterThanOrEqual(290);
    expect(emulator.requests[0].fault).toBe('latency');
  });

  it('counts the generation calls in flight at once', async () => {
    emulator.setFaults({ latencyMs: 200 });
    await Promise.all([generate(), generate(), generate()]);
    expect(emulator.maxInFlight()).toBe(3);
    emulator.reset();
    await generate();
    await generate();
    expect(emulator.maxInFlight()).toBe(1);
  });

  it('answers a forced 429 with Retry-After and charges nothing', async () => {
    emulator.setFaults({ status: 429, retryAfterSeconds: 7 });

    const response = await generate();

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.body.key).toBe('TOO_MANY_REQUESTS');
    expect(emulator.account(KEY)).toMatchObject({ credits: 10, charged: 0 });
  });

  it('applies a fault with times to that many requests only, then recovers', async () => {
    emulator.setFaults({ status: 503, times: 2 });

    const statuses = [(await generate()).status, (await generate()).status, (await generate()).status];

    expect(statuses).toEqual([503, 503, 200]);
  });

  it('limits a keyed fault to that key', async () => {
    emulator.setFaults({ status: 500 }, { key: KEY });

    expect((await generate(KEY)).status).toBe(500);
    expect((await generate(OTHER)).status).toBe(200);
  });

  it('prefers a key’s own fault over the global one', async () => {
    emulator.setFaults({ status: 502 });
    emulator.setFaults({ status: 429 }, { key: KEY });

    expect((await generate(KEY)).status).toBe(429);
    expect((await generate(OTHER)).status).toBe(502);
  });

  it('answers with an HTML error page when htmlBody is set', async () => {
    emulator.setFaults({ htmlBody: true, status: 503 });

    const response = await rawGenerate();
    const text = await response.text();

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(text).toContain('<h1>503 Service Temporarily Unavailable</h1>');
  });

  it('answers 200 with unparseable JSON when malformedJson is set, having spent the credit', async () => {
    emulator.setFaults({ malformedJson: true });

    const response = await rawGenerate();
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(() => JSON.parse(text)).toThrow();
    expect(emulator.account(KEY)?.charged).toBe(1);
  });

  it('answers 200 without a result field when wrongShape is set', async () => {
    emulator.setFaults({ wrongShape: true });

    const response = await generate();

    expect(response.status).toBe(200);
    expect(response.body.result).toBeUndefined();
    expect(emulator.requests[0].result).toMatch(/^A 8×8 image dominated by green/);
  });

  it('never answers a hung request, records it with status 0, and still closes promptly', async () => {
    emulator.setFaults({ hang: true });

    const attempt = rawGenerate(KEY, AbortSignal.timeout(300));

    await expect(attempt).rejects.toThrow();
    expect(emulator.requests[0]).toMatchObject({ status: 0, fault: 'hang' });
    const hung = rawGenerate(KEY).catch(() => 'connection closed');
    await emulator.waitForRequests(2);
    const started = Date.now();
    await emulator.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(hung).resolves.toBe('connection closed');
  });

  it('answers 401 for a valid key when invalidKey is set', async () => {
    emulator.setFaults({ invalidKey: true }, { key: KEY });

    expect((await generate(KEY)).status).toBe(401);
    expect((await generate(OTHER)).status).toBe(200);
  });

  it('succeeds creditsAfter more times, then runs out of credits', async () => {
    emulator.setFaults({ creditsAfter: 2 }, { key: KEY });

    const statuses = [(await generate()).status, (await generate()).status, (await generate()).status];

    expect(statuses).toEqual([200, 200, 403]);
    expect(emulator.account(OTHER)?.credits).toBe(10);
  });

  it('leaves account calls alone unless endpoints is "all"', async () => {
    const info = () => call(`${emulator.baseUrls.alttextlab}/subscriptions/info`, { headers: { 'x-api-key': KEY } });

    emulator.setFaults({ status: 500 });
    const spared = await info();
    emulator.setFaults({ status: 500, endpoints: 'all' });
    const hit = await info();

    expect(spared.status).toBe(200);
    expect(hit.status).toBe(500);
  });

  it('stops every fault on clearFaults', async () => {
    emulator.setFaults({ status: 500 });
    emulator.setFaults({ status: 500 }, { key: OTHER });

    emulator.clearFaults();

    expect((await generate(KEY)).status).toBe(200);
    expect((await generate(OTHER)).status).toBe(200);
  });

  it('refuses faults it does not understand, changing nothing', async () => {
    expect(() => emulator.setFaults({ status: 404 as unknown as 500 })).toThrow('status must be one of');
    expect(() => emulator.setFaults({ times: 0, status: 500 })).toThrow('times must be a positive integer');
    expect(() => emulator.setFaults({ badLanguages: 'shuffled' as unknown as 'missing' })).toThrow('badLanguages must be one of missing, not-json, not-string');
    expect((await generate()).status).toBe(200);
  });
});
