// Test helpers: images made in memory with sharp, a tiny image host over real HTTP, and
// JSON calls against the emulator with global fetch.

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

export async function solidPng(width: number, height: number, colour: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();
}

/** Left part `leftShare` of the width in `left`, the rest in `right`. */
export async function twoColourPng(width: number, height: number, left: string, right: string, leftShare: number): Promise<Buffer> {
  const leftWidth = Math.round(width * leftShare);
  const block = await sharp({ create: { width: leftWidth, height, channels: 3, background: left } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: right } })
    .composite([{ input: block, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

export interface HostedRequest {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
}

export interface ImageHost {
  url: string;
  requests: HostedRequest[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Serves `routes` by exact path (query ignored); anything else is 404. */
export async function startImageHost(routes: Record<string, Handler>): Promise<ImageHost> {
  const requests: HostedRequest[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://host.invalid').pathname;
    requests.push({ path, method: req.method ?? '', headers: req.headers });
    const handler = routes[path];
    if (handler) handler(req, res);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function serveBytes(bytes: Buffer, contentType = 'image/png'): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length });
    res.end(bytes);
  };
}

export function serveStatus(status: number, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    res.end(`status ${status}`);
  };
}

/** A port that nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  ms: number;
}

export async function call<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<JsonResponse<T>> {
  const started = Date.now();
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as T, ms: Date.now() - started };
}
