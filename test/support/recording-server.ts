import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  /** Path and query as the client sent them. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A stranger's HTTP server on loopback: it answers every request with 401 and keeps the method,
 * path, headers and body of each one, so a test can say exactly what reached it (an API key that
 * reaches it has left the endpoint it was configured for). With `upstream` it is a recording proxy
 * instead: every request is passed on (same path) and the upstream's answer returned.
 */
export interface RecordingServer {
  /** http://127.0.0.1:PORT */
  url: string;
  calls: RecordedCall[];
  /** The calls whose path, headers or body contain `secret`. */
  carrying(secret: string): RecordedCall[];
  close(): Promise<void>;
}

const flatten = (call: RecordedCall) => [call.url, call.body, ...Object.values(call.headers).flat()].join('\n');

const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

const passOn = async (upstream: string, call: RecordedCall) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.headers)) if (typeof value === 'string' && !HOP_BY_HOP.has(name)) headers[name] = value;
  const answer = await fetch(`${upstream}${call.url}`, { method: call.method, headers, body: call.method === 'GET' || call.method === 'HEAD' ? undefined : call.body });
  return { status: answer.status, contentType: answer.headers.get('content-type') ?? 'application/json', body: Buffer.from(await answer.arrayBuffer()) };
};

export async function startRecordingServer(options: { upstream?: string } = {}): Promise<RecordingServer> {
  const calls: RecordedCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const call = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      calls.push(call);
      if (!options.upstream) {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end('{"error":"who are you?"}');
        return;
      }
      passOn(options.upstream, call).then(
        (answer) => {
          res.writeHead(answer.status, { 'Content-Type': answer.contentType });
          res.end(answer.body);
        },
        () => {
          res.writeHead(502);
          res.end();
        }
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    carrying: (secret) => calls.filter((call) => flatten(call).includes(secret)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
