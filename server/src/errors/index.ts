import type { ProviderName } from '../../../shared/vocabulary';

/**
 * Every failure a provider call can end in. The queue decides what to do from the code alone:
 * - INVALID_KEY, OUT_OF_CREDITS, MISCONFIGURED: stop spending; an admin has to act (key, plan, settings).
 * - RATE_LIMITED, TRANSIENT, TIMEOUT: retry later (after `retryAfterMs` when the provider said).
 * - IMAGE_UNREACHABLE, UNSUPPORTED_IMAGE, BAD_RESPONSE: fail this one image with a readable reason.
 * - CANCELLED: the caller aborted the call through its AbortSignal; nothing to report.
 */
export const ALT_TEXT_ERROR_CODES = [
  'INVALID_KEY',
  'OUT_OF_CREDITS',
  'RATE_LIMITED',
  'IMAGE_UNREACHABLE',
  'UNSUPPORTED_IMAGE',
  'BAD_RESPONSE',
  'TRANSIENT',
  'TIMEOUT',
  'MISCONFIGURED',
  'CANCELLED',
] as const;
export type AltTextErrorCode = (typeof ALT_TEXT_ERROR_CODES)[number];

export interface AltTextErrorContext {
  provider: ProviderName;
  /** A human label for the file ("#12 cat.png"); never a URL. */
  file?: string;
  status?: number;
  retryAfterMs?: number;
}

/**
 * Messages are written by this plugin, never copied from a URL, a request or a provider's error
 * text, so they can be logged and shown: they carry no API key and no signed URL.
 */
export class AltTextError extends Error {
  readonly code: AltTextErrorCode;
  readonly provider: ProviderName;
  readonly file?: string;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(code: AltTextErrorCode, reason: string, context: AltTextErrorContext) {
    const subject = context.file ? ` for file ${context.file}` : '';
    super(`${code}: ${context.provider}${subject}: ${reason}`);
    this.name = 'AltTextError';
    this.code = code;
    this.provider = context.provider;
    this.file = context.file;
    this.status = context.status;
    this.retryAfterMs = context.retryAfterMs;
  }
}

export const isAltTextError = (error: unknown): error is AltTextError => error instanceof AltTextError;
