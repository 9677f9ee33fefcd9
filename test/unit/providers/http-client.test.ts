import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, HttpFailure, type HttpClientOptions } from '../../../server/src/providers/http/client';

const SECRET = 'sk-live-Hn4Jd8Ws2Qp6';

describe('the shared HTTP client', () => {
  let server: Server;
  let base: string;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x.invalid').pathname;
      if (path === '/trickle') {
        // Headers at once, then a byte every 100 ms: never idle long enough for an idle timeout.
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 100);
        res.on('close', () => clearInterval(timer));
        return;
      }
      if (path.startsWith('/hang')) return;
      if (path === '/huge') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: 'x'.repeat(5000) }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ auth: req.headers.authorization ?? null }));
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })
  );

  const client = (overrides: Partial<HttpClientOptions> = {}) =>
    createHttpClient({ baseURL: base, headers: { Authorization: `Bearer ${SECRET}` }, timeoutMs: 2000, secrets: [SECRET], ...overrides });
  const failureOf = async (promise: Promise<unknown>): Promise<HttpFailure> => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(HttpFailure);
    return error as HttpFailure;
  };

  test('answers with any status and the body as text, for the adapter to parse', async () => {
    const response = await client().request({ method: 'GET', path: '/echo' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.data)).toEqual({ auth: `Bearer ${SECRET}` });
  });

  test('reuses one kept-alive connection for calls in a row', async () => {
    const http = client();
    await http.request({ method: 'GET', path: '/echo' });
    const before = connections;
    await http.request({ method: 'GET', path: '/echo' });
    await http.request({ method: 'POST', path: '/echo', body: { a: 1 } });
    expect(connections).toBe(before);
  });

  test('a server that trickles its answer is cut off at the deadline, not kept alive by each byte', async () => {
    const started = Date.now();
    const failure = await failureOf(client({ timeoutMs: 400 }).request({ method: 'GET', path: '/trickle' }));
    expect(failure.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test("aborting the caller's signal is 'cancelled'; a TimeoutError reason is 'timeout'", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    expect((await failureOf(client().request({ method: 'GET', path: '/hang', signal: controller.signal }))).kind).toBe('cancelled');
    expect((await failureOf(client().request({ method: 'GET', path: '/hang', signal: AbortSignal.timeout(30) }))).kind).toBe('timeout');
  });

  test('an already aborted signal sends nothing', async () => {
    const before = connections;
    const failure = await failureOf(client().request({ method: 'GET', path: '/echo', signal: AbortSignal.abort() }));
    expect(failure.kind).toBe('cancelled');
    expect(connections).toBe(before);
  });

  test('an answer larger than any alt text needs is refused', async () => {
    expect((await failureOf(client({ maxResponseBytes: 1000 }).request({ method: 'GET', path: '/huge' }))).kind).toBe('oversized');
  });

  test('a refused connection is a network failure that carries only the error code', async () => {
    const failure = await failureOf(client({ baseURL: 'http://127.0.0.1:1' }).request({ method: 'GET', path: '/echo' }));
    expect(failure.kind).toBe('network');
    expect(failure.message).toBe('connection failed (ECONNREFUSED)');
  });

  test('log lines name method, path and status, without the query string or any secret', async () => {
    const lines: string[] = [];
    await client({ log: (line) => lines.push(line) }).request({ method: 'GET', path: `/echo/${SECRET}?sig=abc123` });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^GET \/echo\/\[redacted\] → 200 in \d+ ms$/);
  });

  test('failures are logged too, redacted', async () => {
    const lines: string[] = [];
    await failureOf(client({ log: (line) => lines.push(line), timeoutMs: 200 }).request({ method: 'GET', path: `/hang/${SECRET}` }));
    expect(lines[0]).toMatch(/^GET \/hang\/\[redacted\] → timeout: /);
  });
});
