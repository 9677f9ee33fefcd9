import type { AltTextErrorCode } from '../errors';
import type { DeliveryStrategy } from '../image-source/types';
import type { JobReason, WriteMode } from '../models';

export type GenerationOutcome =
  | { status: 'written'; text: string; strategy: DeliveryStrategy }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; code: AltTextErrorCode | 'INTERNAL'; reason: string; strategy?: DeliveryStrategy; retryAfterMs?: number };

export interface GenerateOptions {
  /** `overwrite` replaces any alt text; `fill` (default) only missing alt text. */
  mode?: WriteMode;
  /** `replace` (new bytes for the file) may also refresh text the plugin generated earlier. */
  reason?: JobReason;
  /** Overrides the configured language for this image (a run's language). */
  lang?: string | null;
  jobId?: number;
  /**
   * Awaited after every free check passed and before the image URL is minted: the queue uses it for
   * rate limiting and to stop at a pause. Rejecting aborts the call (outcome INTERNAL).
   */
  beforeSend?: () => Promise<void>;
  /** Aborts the provider call (shutdown); the outcome is then CANCELLED. */
  signal?: AbortSignal;
}
