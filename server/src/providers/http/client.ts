import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import axios, { AxiosError, type AxiosInstance, type AxiosResponse } from 'axios';
import { redact } from '../../utils/redact';
import { KindedError } from '../../errors/kinded-error';

/**
 * One HTTP client for every provider: keep-alive sockets, a connect deadline and a deadline for the
 * whole call, cancellation through an AbortSignal, and no thrown axios errors (they carry request
 * headers, i.e. the API key). Callers receive either a response of any status or an `HttpFailure`
 * that names what went wrong in words of our own. Nothing is retried here: a retried POST could
 * spend a second credit, so retrying is the queue's decision. `truncated`: a 2xx status arrived but
 * the connection dropped before the body ended — the provider most likely did (and billed) the work,
 * so it is not a transient failure to retry.
 */
export type HttpFailureKind = 'timeout' | 'network' | 'cancelled' | 'oversized' | 'truncated';

export class HttpFailure extends KindedError<HttpFailureKind> {
  constructor(kind: HttpFailureKind, message: string) {
    super('HttpFailure', kind, message);
  }
}

export interface HttpClientOptions {
  baseURL: string;
  headers: Record<string, string>;
  /** Deadline for the whole call, from the first byte sent to the last byte read. */
  timeoutMs: number;
  /** Deadline for opening a new connection (TCP and TLS); default min(10 s, timeoutMs). */
  connectTimeoutMs?: number;
  /** Larger answers are dropped: an alt-text API never needs more (default 2 MB). */
  maxResponseBytes?: number;
  /** Values removed from anything this client logs or throws (the API key). */
  secrets?: readonly string[];
  /** Receives one line per call: method, path without query, status or failure, duration. */
  log?: (line: string) => void;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  signal?: AbortSignal;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<AxiosResponse<string>>;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 2 * 1024 * 1024;
/** A 16 MB image as base64 plus JSON around it. */
const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
const USER_AGENT = 'strapi-plugin-auto-alt-text';

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

type StopReason = 'deadline' | 'connect' | 'caller';

/**
 * axios' own `timeout` restarts whenever a byte arrives, so a server that trickles its answer could
 * hold a call forever; the deadlines here are wall-clock timers that abort the request instead.
 */
export const createHttpClient = (options: HttpClientOptions): HttpClient => {
  const connectTimeoutMs = options.connectTimeoutMs ?? Math.min(DEFAULT_CONNECT_TIMEOUT_MS, options.timeoutMs);
  const secrets = options.secrets ?? [];
  const log = (line: string) => options.log?.(redact(line, secrets));

  const instance: AxiosInstance = axios.create({
    baseURL: options.baseURL.replace(/\/+$/, ''),
    headers: { Accept: 'application/json', 'User-Agent': USER_AGENT, ...options.headers },
    httpAgent,
    httpsAgent,
    maxRedirects: 0,
    maxContentLength: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    maxBodyLength: MAX_REQUEST_BYTES,
    // Bodies are parsed by each adapter's schema, so an HTML error page stays a string we can name.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    proxy: false,
  });

  return {
    async request({ method, path, body, signal }) {
      const started = Date.now();
      const where = `${method} ${path.split('?')[0]}`;
      const controller = new AbortController();
      let stoppedBy: StopReason | undefined;
      const stop = (reason: StopReason) => {
        stoppedBy ??= reason;
        controller.abort();
      };
      const deadline = setTimeout(() => stop('deadline'), options.timeoutMs);
      const onCallerAbort = () => stop('caller');
      if (signal?.aborted) onCallerAbort();
      else signal?.addEventListener('abort', onCallerAbort, { once: true });

      try {
        const response = await instance.request<string>({
          method,
          url: path,
          data: body === undefined ? undefined : JSON.stringify(body),
          headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
          signal: controller.signal,
          transport: connectDeadlineTransport(connectTimeoutMs, () => stop('connect')),
        });
        log(`${where} → ${response.status} in ${Date.now() - started} ms`);
        return response;
      } catch (error) {
        const failure = toHttpFailure(error, stoppedBy, signal, { timeoutMs: options.timeoutMs, connectTimeoutMs });
        log(`${where} → ${failure.kind}: ${failure.message} after ${Date.now() - started} ms`);
        throw new HttpFailure(failure.kind, redact(failure.message, secrets));
      } finally {
        clearTimeout(deadline);
        signal?.removeEventListener('abort', onCallerAbort);
      }
    },
  };
};

type RequestFn = (options: http.RequestOptions, callback: (response: http.IncomingMessage) => void) => http.ClientRequest;

/** Node's own http(s).request, plus a timer that runs only while a new socket is connecting. */
const connectDeadlineTransport = (connectTimeoutMs: number, onTimeout: () => void): { request: RequestFn } => ({
  request(requestOptions, callback) {
    const send: RequestFn = requestOptions.protocol === 'https:' ? https.request : http.request;
    const request = send(requestOptions, callback);
    request.once('socket', (socket: Socket) => {
      if (!socket.connecting) return; // a kept-alive socket is already open
      const connected = socket instanceof TLSSocket ? 'secureConnect' : 'connect';
      const timer = setTimeout(onTimeout, connectTimeoutMs);
      socket.once(connected, () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    return request;
  },
});

/** `AbortSignal.timeout()` aborts with a DOMException named TimeoutError (not always an `Error` instance). */
const isTimeoutReason = (signal: AbortSignal | undefined): boolean => {
  const reason: unknown = signal?.reason;
  return typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
};

const toHttpFailure = (
  error: unknown,
  stoppedBy: StopReason | undefined,
  signal: AbortSignal | undefined,
  limits: { timeoutMs: number; connectTimeoutMs: number }
): HttpFailure => {
  if (stoppedBy === 'deadline') return new HttpFailure('timeout', `no complete answer within ${limits.timeoutMs} ms`);
  if (stoppedBy === 'connect') return new HttpFailure('timeout', `could not connect within ${limits.connectTimeoutMs} ms`);
  if (stoppedBy === 'caller') {
    return isTimeoutReason(signal)
      ? new HttpFailure('timeout', "the caller's deadline passed")
      : new HttpFailure('cancelled', 'the call was cancelled');
  }
  if (axios.isCancel(error)) return new HttpFailure('cancelled', 'the call was cancelled');
  const code = axios.isAxiosError(error) ? error.code : undefined;
  if (code === AxiosError.ERR_BAD_RESPONSE && error instanceof Error && /maxContentLength/.test(error.message)) {
    return new HttpFailure('oversized', 'the answer was larger than any alt-text answer can be');
  }
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return new HttpFailure('timeout', `no answer within ${limits.timeoutMs} ms`);
  const status = axios.isAxiosError(error) ? error.response?.status : undefined;
  if (status !== undefined && status >= 200 && status < 300) {
    return new HttpFailure('truncated', `the connection dropped in the middle of a ${status} answer (it may already be billed, so it is not retried)`);
  }
  // Only the error code travels on: axios messages and configs can carry URLs and headers.
  return new HttpFailure('network', `connection failed (${code ?? 'unknown error'})`);
};
