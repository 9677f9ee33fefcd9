import type { AltTextErrorCode } from '../errors';

/**
 * Failures the provider is not paid for: the request was refused before any work (key, plan,
 * configuration, rate limit), the provider could not read the image, or it failed on its side (5xx,
 * a connection that never got an answer). A reservation for such a call is given back.
 *
 * Not in the list, so still counted: BAD_RESPONSE (the provider answered — and billed — but the
 * answer was unusable), TIMEOUT and CANCELLED (the call was out when it was given up: the provider
 * may have finished and billed it), and INTERNAL (a failure of the plugin, possibly after the call).
 * A budget is a ceiling: when unsure, a credit is counted.
 */
export const FREE_FAILURES: ReadonlySet<AltTextErrorCode | 'INTERNAL'> = new Set<AltTextErrorCode>([
  'INVALID_KEY',
  'OUT_OF_CREDITS',
  'MISCONFIGURED',
  'RATE_LIMITED',
  'IMAGE_UNREACHABLE',
  'UNSUPPORTED_IMAGE',
  'TRANSIENT',
]);

/** Whether the last paid call of an attempt that ended this way cost nothing, so its credit comes back. */
export const chargedNothing = (outcome: { status: string; code?: AltTextErrorCode | 'INTERNAL' }): boolean =>
  outcome.status === 'failed' && outcome.code !== undefined && FREE_FAILURES.has(outcome.code);
