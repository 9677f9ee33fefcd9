// Small real-HTTP helpers for the provider tests: an image host, a capturing server that can stub
// an API or forward to the emulator (so a test sees exactly what an adapter sent), and a way to
// collect the typed error a call ends in.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AltTextError, type AltTextErrorCode } from '../../../server/src/errors';
import type { EntryContext } from '../../../server/src/providers/types';

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const shut = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

export interface ImageHost {
  url: string;
  close(): Promise<void>;
}

/** Serves each path's bytes whatever the query string (presigned URLs carry one); 404 otherwise. */
export async function startImageHost(files: Record<string, { bytes: Buffer; type: string }>): Promise<ImageHost> {
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://host.invalid').pathname];
    if (!file) res.writeHead(404).end('not found');
    else res.writeHead(200, { 'content-type': file.type, 'content-length': file.bytes.length }).end(file.bytes);
  });
  return { url: await listen(server), close: () => shut(server) };
}

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The JSON body, parsed; undefined for an empty body. */
  body: unknown;
}

export interface CannedReply {
  status: number;
  /** Objects are sent as JSON; strings as they are, with `type`. */
  body: unknown;
  type?: string;
  headers?: Record<string, string>;
}

export interface CaptureServer {
  url: string;
  requests: CapturedRequest[];
  /** What every request is answered with, when not forwarding. */
  reply(canned: CannedReply): void;
  /** Answers in this order, one request each; the last one answers every request after it. */
  replies(...sequence: [CannedReply, ...CannedReply[]]): void;
  close(): Promise<void>;
}

/**
 * Records every request. With `forwardTo`, passes it on (same path) and relays the answer;
 * otherwise answers with the canned reply (200 `{}` until told otherwise).
 */
export async function startCaptureServer(options: { forwardTo?: string } = {}): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  let queue: CannedReply[] = [{ status: 200, body: {} }];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? '', path, headers: req.headers, body: text ? (JSON.parse(text) as unknown) : undefined });
      if (options.forwardTo) {
        void forward(options.forwardTo + path, req.method ?? 'GET', req.headers, text).then(
          ({ status, headers, body }) => res.writeHead(status, headers).end(body),
          () => res.writeHead(599).end()
        );
        return;
      }
      const canned = queue.length > 1 ? (queue.shift() as CannedReply) : queue[0];
      const isText = typeof canned.body === 'string';
      const payload = isText ? (canned.body as string) : JSON.stringify(canned.body);
      res
        .writeHead(canned.status, { 'content-type': canned.type ?? (isText ? 'text/plain' : 'application/json'), ...canned.headers })
        .end(payload);
    });
  });
  return {
    url: await listen(server),
    requests,
    reply: (next) => (queue = [next]),
    replies: (...sequence) => (queue = [...sequence]),
    close: () => shut(server),
  };
}

const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

async function forward(url: string, method: string, incoming: IncomingHttpHeaders, body: string) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (!HOP_BY_HOP.has(name) && typeof value === 'string') headers[name] = value;
  }
  const response = await fetch(url, { method, headers, body: method === 'GET' ? undefined : body });
  const relayed: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== 'content-encoding') relayed[name] = value;
  });
  return { status: response.status, headers: relayed, body: Buffer.from(await response.arrayBuffer()) };
}

/** The AltTextError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<AltTextError> {
  const outcome = await promise.then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ error })
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved)}`);
  if (!(outcome.error instanceof AltTextError)) throw outcome.error;
  return outcome.error;
}

/** `failureOf` plus the rules every error obeys: the code, the provider and file named, no secret. */
export async function expectTypedFailure(
  promise: Promise<unknown>,
  expected: { code: AltTextErrorCode; provider: string; file?: string; secrets: string[] }
): Promise<AltTextError> {
  const error = await failureOf(promise);
  expect(error.code).toBe(expected.code);
  expect(error.message).toContain(expected.provider);
  if (expected.file) expect(error.message).toContain(expected.file);
  for (const secret of expected.secrets) expect(error.message).not.toContain(secret);
  return error;
}

/** An article that uses the image as its cover, with nothing else known; tests add what they are about. */
export const entryUsing = (overrides: Partial<EntryContext> = {}): EntryContext => ({
  uid: 'api::article.article',
  documentId: 'doc-blue-ridge',
  locale: 'en',
  typeName: 'Article',
  title: 'Blue Ridge trail',
  nearbyText: null,
  link: null,
  seo: null,
  ecommerce: null,
  field: 'cover',
  ...overrides,
});
