import { startEmulator, type Emulator } from '../../../emulator/server';
import { call, serveBytes, solidPng, startImageHost, type ImageHost } from './helpers';

const KEY = 'control-key-4321';
const SECRET_QUERY = 'X-Amz-Signature=deadbeefsecret';

describe('Emulator control API over HTTP', () => {
  let emulator: Emulator;
  let host: ImageHost;
  let logs: string[];

  beforeAll(async () => {
    host = await startImageHost({ '/cat.png': serveBytes(await solidPng(12, 9, '#ffffff')) });
  });
  afterAll(() => host.close());

  beforeEach(async () => {
    logs = [];
    emulator = await startEmulator({ accounts: [{ key: KEY, credits: 3 }], log: (line) => logs.push(line) });
  });
  afterEach(() => emulator.close());

  const control = (path: string, init: { method?: string; body?: unknown } = {}) =>
    call(`${emulator.url}/__emulator${path}`, init);
  const generate = (key = KEY) =>
    call(`${emulator.baseUrls.alttextlab}/alt-text/generate`, {
      headers: { 'x-api-key': key },
      body: { imageUrl: `${host.url}/cat.png?${SECRET_QUERY}` },
    });

  it('reports accounts, credits and requests without full keys or image URLs', async () => {
    await generate();

    const state = await control('/state');

    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({
      accounts: [{ key: '…4321', credits: 2, charged: 1 }],
      requestCount: 1,
      requests: [{ provider: 'alttextlab', key: '…4321', status: 200, imageSource: 'url' }],
    });
    const text = JSON.stringify(state.body);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('deadbeefsecret');
    expect(text).not.toContain('cat.png');
  });

  it('adds an account that works at once, and rejects a malformed one', async () => {
    const added = await control('/accounts', { body: { key: 'new-key-7777', credits: 1, plan: 'Trial' } });
    const rejected = await control('/accounts', { body: { key: 'x', credits: -1 } });

    expect(added.status).toBe(201);
    expect(added.body.account).toEqual({ key: '…7777', credits: 1, charged: 0, plan: 'Trial' });
    expect(rejected.status).toBe(400);
    expect((await generate('new-key-7777')).status).toBe(200);
  });

  it('sets global and keyed faults, rejects unknown ones, and clears them with DELETE', async () => {
    const global = await control('/faults', { body: { faults: { status: 503, times: 1 } } });
    const keyed = await control('/faults', { body: { faults: { status: 429 }, key: KEY } });
    const unknown = await control('/faults', { body: { faults: { explode: true } } });

    expect(global.status).toBe(200);
    expect(keyed.body.faults).toMatchObject({ global: { status: 503, remaining: 1 }, byKey: [{ key: '…4321' }] });
    expect(unknown.status).toBe(400);
    expect((await generate()).status).toBe(429);

    await control('/faults', { method: 'DELETE' });

    expect((await generate()).status).toBe(200);
  });

  it('applies creditsAfter sent over HTTP to the account', async () => {
    await control('/faults', { body: { faults: { creditsAfter: 1 }, key: KEY } });

    expect([(await generate()).status, (await generate()).status]).toEqual([200, 403]);
  });

  it('resets to the initial accounts with no faults and no requests', async () => {
    await generate();
    await control('/accounts', { body: { key: 'temporary-key', credits: 9 } });
    await control('/faults', { body: { faults: { status: 500 } } });

    const reset = await control('/reset', { method: 'POST' });

    expect(reset.body).toMatchObject({ accounts: [{ key: '…4321', credits: 3, charged: 0 }], requestCount: 0 });
    expect(emulator.requests).toHaveLength(0);
    expect((await generate()).status).toBe(200);
  });

  it('logs one line per request with method, path, status and time, but no key or query string', async () => {
    await generate();
    await call(`${emulator.url}/__emulator/state?token=${SECRET_QUERY}`);

    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/^POST \/alttextlab\/api\/v1\/alt-text\/generate 200 \d+ms$/);
    expect(logs[1]).toMatch(/^GET \/__emulator\/state 200 \d+ms$/);
    expect(logs.join('\n')).not.toContain(KEY);
    expect(logs.join('\n')).not.toContain('deadbeefsecret');
  });

  it('names the fault in the log line', async () => {
    emulator.setFaults({ status: 429, latencyMs: 5 });

    await generate();

    expect(logs[0]).toMatch(/ 429 \d+ms fault=latency\+status:429$/);
  });

  it('answers unknown paths with 404 and wrong methods with 405 in the provider’s shape', async () => {
    const missing = await call(`${emulator.baseUrls.alttextlab}/nope`);
    const wrongMethod = await call(`${emulator.baseUrls.alttextlab}/alt-text/generate`);

    expect(missing.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body).toEqual({ message: 'Method not allowed' });
  });
});
