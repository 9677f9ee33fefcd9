import type { AxiosResponse } from 'axios';
import { AltTextError, type AltTextErrorContext } from '../../errors';
import { retryAfterMsOf } from './retry-after';
import { HttpFailure } from './client';

export { MAX_RETRY_AFTER_MS, parseRetryAfterMs, retryAfterMsOf } from './retry-after';

/**
 * What every adapter needs to turn an HTTP answer into a typed error. Adapters map the statuses
 * and bodies their API documents first, then hand the rest to `fallbackStatusError`.
 */

/** JSON bodies only; an HTML error page or a truncated body yields undefined. */
export const parseJsonBody = (response: AxiosResponse<string>): unknown => {
  const type = String(response.headers['content-type'] ?? '');
  const body = typeof response.data === 'string' ? response.data : '';
  if (!/json/i.test(type) && !/^\s*[[{]/.test(body)) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
};

/** Names the body by its kind only ("an HTML page"): its text may echo the request. */
export const describeBody = (response: AxiosResponse<string>): string => {
  const type = String(response.headers['content-type'] ?? '');
  const body = typeof response.data === 'string' ? response.data : '';
  if (/html/i.test(type) || /^\s*<(?:!doctype|html)/i.test(body)) return 'an HTML page';
  if (body.trim() === '') return 'an empty body';
  if (/json/i.test(type)) return parseJsonBody(response) === undefined ? 'malformed JSON' : 'a JSON body';
  return `a ${type.split(';')[0] || 'untyped'} body`;
};

/**
 * A provider's machine-readable error code ("insufficient_quota", "NOT_ENOUGH_FUNDS"), kept only
 * when it looks like an identifier: free text from a provider can echo URLs back.
 */
export const safeCode = (value: unknown): string | undefined =>
  typeof value === 'string' && /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(value) ? value : undefined;

export const isSuccess = (response: AxiosResponse<string>): boolean => response.status >= 200 && response.status < 300;

/** The statuses every HTTP API shares, for whatever an adapter did not recognise itself. */
export const fallbackStatusError = (response: AxiosResponse<string>, context: AltTextErrorContext): AltTextError => {
  const status = response.status;
  const withStatus = { ...context, status, retryAfterMs: retryAfterMsOf(response) };
  if (status === 401) return new AltTextError('INVALID_KEY', 'the API key was rejected (401)', withStatus);
  if (status === 429) return new AltTextError('RATE_LIMITED', 'too many requests (429)', withStatus);
  if (status === 408 || status >= 500) {
    return new AltTextError('TRANSIENT', `server error ${status} with ${describeBody(response)}`, withStatus);
  }
  return new AltTextError('BAD_RESPONSE', `unexpected status ${status} with ${describeBody(response)}`, withStatus);
};

/**
 * Network-level failures become TIMEOUT, CANCELLED, BAD_RESPONSE (oversized, or a 2xx answer cut off
 * mid-body: probably billed, so not retried) or TRANSIENT; anything else is rethrown.
 */
export const mapHttpFailure = (error: unknown, context: AltTextErrorContext): never => {
  if (error instanceof HttpFailure) {
    const code = { timeout: 'TIMEOUT', cancelled: 'CANCELLED', oversized: 'BAD_RESPONSE', truncated: 'BAD_RESPONSE', network: 'TRANSIENT' } as const;
    throw new AltTextError(code[error.kind], error.message, context);
  }
  throw error;
};
