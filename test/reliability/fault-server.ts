import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, connect, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * Faults the provider emulator does not make itself, served by a tiny HTTP server in front of it.
 * Each request takes the next queued fault (or passes through to the upstream when none is queued):
 * - `reset-before-answer`: the socket is destroyed as soon as the request arrives (nothing billed);
 * - `reset-mid-response`: the request is forwarded (the provider does the work and bills it), then
 *   the status line, headers and half of the body are sent and the socket is destroyed;
 * - `raw`: a canned answer (e.g. a 200 whose body is an HTML page).
 * `refuse()` closes the listening socket (connection refused) until `accept()` opens it again on
 * the same port.
 */
export type HttpFault =
  | { kind: 'reset-before-answer' }
  | { kind: 'reset-mid-response' }
  | { kind: 'raw'; status: number; body: string; contentType: string; headers?: Record<string, string> };

export interface FaultProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Queues faults for the next requests, in order. */
  push(...faults: HttpFault[]): void;
  /** Faults applied so far, oldest first (by kind). */
  applied: string[];
  /** Faults queued and not yet applied. */
  pending(): number;
  refuse(): Promise<void>;
  accept(): Promise<void>;
  close(): Promise<void>;
}

const listenOn = (server: Server | TcpServer, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });

const forward = (upstream: URL, req: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> =>
  new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host, connection: 'close' } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(answer.headers)) {
            if (typeof value === 'string' && !['connection', 'keep-alive', 'transfer-encoding'].includes(name)) headers[name] = value;
          }
          resolve({ status: answer.statusCode ?? 502, headers, body: Buffer.concat(chunks) });
        });
        answer.on('error', reject);
      }
    );
    outgoing.on('error', reject);
    req.pipe(outgoing);
  });

export async function startFaultProxy(upstreamUrl: string): Promise<FaultProxy> {
  const upstream = new URL(upstreamUrl);
  const queue: HttpFault[] = [];
  const applied: string[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const fault = queue.shift();
    if (fault) applied.push(fault.kind);
    if (fault?.kind === 'reset-before-answer') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'raw') {
      req.resume();
      res.writeHead(fault.status, { 'content-type': fault.contentType, 'content-length': Buffer.byteLength(fault.body), ...fault.headers }).end(fault.body);
      return;
    }
    let answer;
    try {
      answer = await forward(upstream, req);
    } catch {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('upstream unreachable');
      return;
    }
    if (fault?.kind === 'reset-mid-response') {
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) });
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) }).end(answer.body);
  };

  let server = createServer((req, res) => void handle(req, res));
  const port = await listenOn(server, 0);
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  let listening = true;

  return {
    url: `http://127.0.0.1:${port}`,
    push: (...faults) => queue.push(...faults),
    applied,
    pending: () => queue.length,
    async refuse() {
      if (!listening) return;
      listening = false;
      await stop();
    },
    async accept() {
      if (listening) return;
      server = createServer((req, res) => void handle(req, res));
      await listenOn(server, port);
      listening = true;
    },
    async close() {
      if (listening) await stop();
      listening = false;
    },
  };
}

/** A TCP pipe in front of a server (the S3 endpoint) that can be taken down and brought back on the same port. */
export interface TcpProxy {
  url: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(upstreamUrl: string): Promise<TcpProxy> {
  const upstream = new URL(upstreamUrl);
  const sockets = new Set<Socket>();
  const make = () =>
    createTcpServer((client) => {
      const target = connect(Number(upstream.port), upstream.hostname);
      sockets.add(client);
      sockets.add(target);
      const drop = () => {
        client.destroy();
        target.destroy();
        sockets.delete(client);
        sockets.delete(target);
      };
      client.on('error', drop).on('close', drop);
      target.on('error', drop).on('close', drop);
      client.pipe(target).pipe(client);
    });
  let server = make();
  const port = await listenOn(server, 0);
  let listening = true;
  const down = async () => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await closed;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    down,
    async up() {
      if (listening) return;
      server = make();
      await listenOn(server, port);
      listening = true;
    },
    close: down,
  };
}
