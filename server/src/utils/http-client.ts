import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

/**
 * One HTTP client for every provider: keep-alive sockets, a hard response timeout, cancellation,
 * and no thrown axios errors (they carry request headers, i.e. the API key). Callers receive either
 * a response of any status or an `HttpFailure` that names what went wrong in words of our own.
 */
export type HttpFailureKind = 'timeout' | 'network' | 'cancelled';

export class HttpFailure extends Error {
  readonly kind: HttpFailureKind;
  constructor(kind: HttpFailureKind, reason: string) {
    super(reason);
    this.name = 'HttpFailure';
    this.kind = kind;
  }
}

export interface HttpClientOptions {
  baseURL: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

export interface HttpClient {
  request(options: {
    method: 'GET' | 'POST';
    path: string;
    body?: unknown;
    signal?: AbortSignal;
  }): Promise<AxiosResponse<string>>;
}

export const createHttpClient = (options: HttpClientOptions): HttpClient => {
  const instance: AxiosInstance = axios.create({
    baseURL: options.baseURL.replace(/\/+$/, ''),
    headers: { Accept: 'application/json', ...options.headers },
    timeout: options.timeoutMs,
    httpAgent,
    httpsAgent,
    maxRedirects: 0,
    // Bodies are parsed by each adapter's schema, so an HTML error page stays a string we can name.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    proxy: false,
  });

  return {
    async request({ method, path, body, signal }) {
      try {
        return await instance.request<string>({
          method,
          url: path,
          data: body === undefined ? undefined : JSON.stringify(body),
          headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
          signal,
        });
      } catch (error) {
        throw toHttpFailure(error, options.timeoutMs);
      }
    },
  };
};

const toHttpFailure = (error: unknown, timeoutMs: number): HttpFailure => {
  if (axios.isCancel(error)) return new HttpFailure('cancelled', 'request cancelled');
  const code = axios.isAxiosError(error) ? error.code : undefined;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return new HttpFailure('timeout', `no answer within ${timeoutMs} ms`);
  }
  // Only the error code travels on: axios messages and configs can carry URLs and headers.
  return new HttpFailure('network', `connection failed (${code ?? 'unknown error'})`);
};
