// Small HTTP helpers on top of node:http: handlers return a `Reply` value instead of writing to
// the response themselves, so faults can rewrite an answer and the recorder can see its status.

import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body accepted: a 16 MB image as base64 plus JSON overhead. */
export const MAX_BODY_BYTES = 24 * 1024 * 1024;

export type Reply = (
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'text'; status: number; body: string; contentType: string; headers?: Record<string, string> }
  /** Never answer (the `hang` fault). */
  | { kind: 'hang' }
) & {
  /** Names the faults that shaped this reply, e.g. "latency+status:429"; for the log and recorder. */
  fault?: string;
};

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { kind: 'json', status, body, headers };
}

export function replyStatus(reply: Reply): number {
  return reply.kind === 'hang' ? 0 : reply.status;
}

export function isSuccess(reply: Reply): reply is Extract<Reply, { kind: 'json' }> {
  return reply.kind === 'json' && reply.status >= 200 && reply.status < 300;
}

export function send(res: ServerResponse, reply: Reply): void {
  if (reply.kind === 'hang') return;
  const isJson = reply.kind === 'json';
  const body = isJson ? JSON.stringify(reply.body) : reply.body;
  res.writeHead(reply.status, {
    'content-type': isJson ? 'application/json; charset=utf-8' : reply.contentType,
    'content-length': Buffer.byteLength(body),
    ...reply.headers,
  });
  res.end(body);
}

export type BodyResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'too-large' | 'aborted' };

/** Reads the whole body, stopping (without buffering the rest) once it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Keep draining so the client can still read our 413, but stop storing bytes.
        chunks.length = 0;
        finish({ ok: false, reason: 'too-large' });
        return;
      }
      if (!done) chunks.push(chunk);
    });
    req.on('end', () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => finish({ ok: false, reason: 'aborted' }));
    req.on('close', () => finish({ ok: false, reason: 'aborted' }));
  });
}

export type JsonBodyResult =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'too-large' | 'aborted' | 'invalid-json' };

export async function readJsonBody(req: IncomingMessage): Promise<JsonBodyResult> {
  const body = await readBody(req);
  if (!body.ok) return body;
  if (body.text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body.text) as unknown };
  } catch {
    return { ok: false, reason: 'invalid-json' };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return match ? match[1].trim() : undefined;
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A request as a route handler sees it. `path` is relative to the provider's mount point. */
export interface RouteRequest {
  req: IncomingMessage;
  method: string;
  path: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  handle: (request: RouteRequest) => Promise<Reply>;
}

/** A set of routes under one path prefix, e.g. `/alttextlab/api/v1`. */
export interface Mount {
  prefix: string;
  routes: Route[];
  /** Reply used for unknown paths or methods, in the provider's error shape. */
  notFound: (status: 404 | 405) => Reply;
}
