import type { AxiosResponse } from 'axios';
import { AltTextError, type AltTextErrorContext } from './errors';
import { HttpFailure } from '../utils/http-client';

/** Seconds or an HTTP date, per RFC 9110; undefined when absent or unreadable. */
export const parseRetryAfterMs = (value: unknown, now = Date.now()): number | undefined => {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
};

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

export const describeBody = (response: AxiosResponse<string>): string => {
  const type = String(response.headers['content-type'] ?? 'no content type');
  return /html/i.test(type) ? 'an HTML page' : `a ${type.split(';')[0]} body`;
};

/** Network-level failures become TIMEOUT or TRANSIENT; anything else is rethrown untouched. */
export const mapHttpFailure = (error: unknown, context: AltTextErrorContext): never => {
  if (error instanceof HttpFailure) {
    throw new AltTextError(error.kind === 'timeout' ? 'TIMEOUT' : 'TRANSIENT', error.message, context);
  }
  throw error;
};
