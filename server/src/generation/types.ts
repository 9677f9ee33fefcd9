import type { ProviderName } from '../config/schema';
import type { AltTextErrorCode } from '../errors';
import type { DeliveryStrategy } from '../image-source/types';
import type { JobReason, WriteMode } from '../models';
import type { EntryContext } from '../providers/types';

/**
 * How one job ended. `written`: every locale it could write (`skippedLocales`: the ones the provider
 * cannot write, with the reason — no call made; `cachedLocales`: the ones written from the cache, no
 * call made; `strategy` is `cache` when no call was made at all). `failed`: `remainingLocales` are the
 * locales still owed (the ones written before the failure stay written and are not paid again).
 * `viaFallback`: the fallback provider (its name) answered, or failed; absent = the primary.
 */
export type GenerationOutcome =
  | { status: 'written'; text: string; strategy: DeliveryStrategy | 'cache'; locales?: string[]; skippedLocales?: Record<string, string>; cachedLocales?: string[]; viaFallback?: ProviderName }
  | { status: 'skipped'; reason: string }
  | {
      status: 'failed';
      code: AltTextErrorCode | 'INTERNAL';
      reason: string;
      strategy?: DeliveryStrategy;
      retryAfterMs?: number;
      remainingLocales?: string[];
      viaFallback?: ProviderName;
    };

/** An entry whose context a job must use (the side panel, an entry-scoped run, an upgrade). */
export interface EntryRef {
  uid: string;
  documentId: string;
  locale: string | null;
}

/** Where the plugin learns what an image is for: the entries that use it. */
export interface ContextSource {
  /** Every entry that uses the file, bounded and ordered; `more` counts the ones left out. */
  forFile(fileId: number): Promise<{ entries: EntryContext[]; more: number }>;
  /** One entry's images, each with what that entry says about it. */
  forEntry(uid: string, documentId: string, locale?: string): Promise<Array<{ fileId: number; context: EntryContext }>>;
}

/** A paid provider call about to be made. */
export interface PaidCall {
  /** The provider's name (`alttextlab`, `alttextai`, `openai`). */
  provider: string;
}

export interface GenerateOptions {
  /** `overwrite` replaces any alt text; `fill` (default) only missing alt text. */
  mode?: WriteMode;
  /** `replace` (new bytes for the file) may also refresh text the plugin generated earlier. */
  reason?: JobReason;
  /** Overrides the configured language for this image (a run's language). */
  lang?: string | null;
  jobId?: number;
  /**
   * Awaited before EACH paid call (one per locale, or one for all of them), after every free check
   * passed and before the image URL is minted: the queue uses it for rate limiting, to stop at a
   * pause, and to reserve the call's credit in the budget (`provider`: who is about to be paid).
   * Rejecting aborts the call (outcome INTERNAL).
   */
  beforeSend?: (call: PaidCall) => Promise<void>;
  /** Aborts the provider call (shutdown); the outcome is then CANCELLED. */
  signal?: AbortSignal;
  /** Use this entry's context only; absent = every entry that uses the image. */
  contextEntry?: EntryRef | null;
  /** Only these locales; absent = every locale the plugin writes. */
  locales?: string[] | null;
  /** Ask the provider even when the same bytes were described the same way before (a forced run); `manual` jobs always do. */
  force?: boolean;
  /** Send to the fallback provider (the queue decides: queue/fallback.ts); ignored when none is configured. */
  viaFallback?: boolean;
  /**
   * Called once the job's last provider call has answered, before its text is written: the queue
   * gives the job's concurrency slot back then. Not called when no call answers (a skip, a cache
   * hit, a failure): the slot comes back when the job ends.
   */
  callsAnswered?: () => void;
  /**
   * Runs the write-back as one unit: the texts answered by the last provider call, the outcome, and
   * whatever the caller records with it (the queue: the job's end), in one transaction — one commit
   * per job. `work` rejects when a write fails; the caller's unit must then undo (roll back) too.
   */
  commit?: (work: () => Promise<GenerationOutcome>) => Promise<GenerationOutcome>;
}

/** One line for the job and the log: which locales a written job left out, and why (`sv: alttextai does not write sv`). */
export const skippedLocalesNote = (skipped: Record<string, string>): string =>
  `not written in ${Object.entries(skipped).map(([locale, reason]) => `${locale} (${reason})`).join(', ')}`;
