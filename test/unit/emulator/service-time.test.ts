import { startEmulator, type Emulator } from '../../../emulator/server';
import { call, serveBytes, solidPng, startImageHost, type ImageHost } from './helpers';

const KEY = 'service-key-0001';

// An image host that takes `hostDelayMs` before serving: the emulator's own work for a URL image
// (fetch + decode) is then at least that long, and measurably so.
describe('Emulator latency is the whole service time', () => {
  let emulator: Emulator;
  let host: ImageHost;
  let hostDelayMs = 0;
  const fetchedAt: number[] = [];

  beforeAll(async () => {
    const png = await solidPng(64, 48, '#3060c0');
    host = await startImageHost({
      '/slow.png': (req, res) => {
        fetchedAt.push(Date.now());
        setTimeout(() => serveBytes(png)(req, res), hostDelayMs);
      },
    });
  });
  afterAll(() => host.close());
  beforeEach(async () => {
    fetchedAt.length = 0;
    emulator = await startEmulator({ accounts: [{ key: KEY, credits: 100 }] });
  });
  afterEach(() => emulator.close());

  const generate = () =>
    call(`${emulator.baseUrls.alttextlab}/alt-text/generate`, {
      headers: { 'x-api-key': KEY },
      body: { imageUrl: `${host.url}/slow.png` },
    });

  it('answers after latencyMs, not latencyMs plus its own fetch and decode', async () => {
    hostDelayMs = 150;
    // Without a latency the call takes its work time, which the emulator learns.
    const unfaulted = await generate();
    expect(unfaulted.status).toBe(200);
    expect(unfaulted.ms).toBeGreaterThanOrEqual(150);

    emulator.setFaults({ latencyMs: 400 });
    const timed = [];
    for (let i = 0; i < 3; i++) timed.push(await generate());

    for (const response of timed) {
      expect(response.status).toBe(200);
      expect(response.ms).toBeGreaterThanOrEqual(395);
      // latency + work would be ≥ 550 ms.
      expect(response.ms).toBeLessThan(520);
    }
    expect(emulator.requests.slice(1).map((request) => request.fault)).toEqual(['latency', 'latency', 'latency']);
    expect(emulator.account(KEY)?.charged).toBe(4);
  });

  it('answers as soon as its work is done when the work takes longer than latencyMs', async () => {
    hostDelayMs = 300;
    // The emulator learns how long this work takes (its headroom), as it would over a run.
    const unfaulted = await generate();
    emulator.setFaults({ latencyMs: 250 });

    const response = await generate();

    expect(response.status).toBe(200);
    expect(response.ms).toBeGreaterThanOrEqual(300);
    // About the work alone, not the work after the latency (the work + 250 ms); measured against the
    // same work unfaulted, so a loaded machine's slower fetch moves both.
    expect(response.ms).toBeLessThan(unfaulted.ms + 200);
  });

  it('still fetches the image near the end of the latency, as a late provider would', async () => {
    hostDelayMs = 0;
    await generate(); // learns a short work time
    emulator.setFaults({ latencyMs: 1000 });

    const sent = Date.now();
    const response = await generate();

    expect(response.status).toBe(200);
    expect(response.ms).toBeGreaterThanOrEqual(995);
    expect(fetchedAt).toHaveLength(2);
    expect(fetchedAt[1] - sent).toBeGreaterThanOrEqual(800);
  });

  it('a fault that answers without the work waits the whole latency', async () => {
    emulator.setFaults({ latencyMs: 300, status: 503 });

    const response = await generate();

    expect(response.status).toBe(503);
    expect(response.ms).toBeGreaterThanOrEqual(295);
    expect(fetchedAt).toHaveLength(0);
  });
});
