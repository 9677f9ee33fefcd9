import { skippedLocalesNote, type GenerateOptions, type GenerationOutcome } from '../generation/types';
import { backoffMs } from './backoff';
import type { FallbackRouting } from './fallback';
import { chargedNothing, type Reservation, type ReserveResult } from '../spend';
import type { EndedRow, JobRow, JobStore } from './job-store';
import type { PauseReason } from './queue-state';
import type { RateLimiter } from './rate-limiter';

export interface RetryPolicy {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Wait after a 429 that carried no Retry-After. */
  rateLimitWaitMs: number;
  /** 429s one job may wait out; the next one fails it. */
  maxRateLimitWaits: number;
}

export interface JobHandlerDeps {
  store: JobStore;
  limiter: RateLimiter;
  policy: RetryPolicy;
  generate(fileId: number, options: GenerateOptions): Promise<GenerationOutcome>;
  isPaused(): Promise<boolean>;
  /** `resumesAt`: the pause ends by itself then (the budget's next period). */
  pauseQueue(reason: PauseReason, message: string, resumesAt?: Date): Promise<void>;
  /** The budget: one credit reserved before each paid call, given back when the call cost nothing. */
  budget: { reserve(provider: string): Promise<ReserveResult>; release(reservation: Reservation): Promise<void> };
  /** A run's credits, counted on the run as its jobs' paid calls take (+1) and give back (-1) theirs (the run history). */
  runCredits?(runId: number, delta: 1 | -1): Promise<void>;
  /** Called after a job of a run ends for good (done, skipped or failed). */
  onRunJobSettled(runId: number): Promise<void>;
  logOutcome(job: JobRow, outcome: GenerationOutcome, retrying: boolean): void;
  /** A job ended failed for good (webhooks): returns at once. `locales`: those left without text (null: every one). */
  jobFailed?(job: JobRow, errorCode: string, locales: string[] | null): void;
  /** The fallback provider (config `fallback`): where a job goes, and what the primary's failures mean. */
  fallback?: Pick<FallbackRouting, 'inUse' | 'afterAttempt'>;
}

/**
 * Thrown from `beforeSend` when the queue was paused, or the process began to stop, while this job
 * waited for its turn — or when the budget has no credit left for the call (the queue then pauses).
 */
class StoppedBeforeSend extends Error {}

/** The job's end for an outcome that ends it whatever the policy (written, skipped); undefined for a failure. */
const endOf = (outcome: GenerationOutcome): { status: 'done' | 'skipped'; fields: Parameters<JobStore['endRow']>[2] } | undefined => {
  if (outcome.status === 'written') return { status: 'done', fields: { strategy: outcome.strategy, ...(outcome.skippedLocales ? { errorMessage: skippedLocalesNote(outcome.skippedLocales) } : {}) } };
  if (outcome.status === 'skipped') return { status: 'skipped', fields: { errorMessage: outcome.reason } };
  return undefined;
};

/**
 * What happens to a job after one attempt, by outcome:
 * - written / skipped → done / skipped;
 * - INVALID_KEY, OUT_OF_CREDITS, MISCONFIGURED → the whole queue pauses (every other image would
 *   fail the same way); the job waits, its attempt refunded;
 * - CANCELLED (shutdown) → the job waits, its attempt refunded;
 * - RATE_LIMITED → everyone waits Retry-After; the job waits, its attempt refunded, until it has
 *   waited `maxRateLimitWaits` times: then it fails (a provider that never lets it through);
 * - TRANSIENT, TIMEOUT, INTERNAL → retried with backoff until maxAttempts, then failed;
 * - IMAGE_UNREACHABLE, UNSUPPORTED_IMAGE, BAD_RESPONSE → failed with its reason at once.
 * With a fallback provider, the primary's OUT_OF_CREDITS / INVALID_KEY (and TRANSIENT for long
 * enough) send the job to the fallback instead (queue/fallback.ts); the fallback's own failures
 * are handled as above.
 * Budget: each paid call reserves a credit first; none left → the queue pauses (BUDGET_REACHED, until
 * the next UTC day or month) and the job waits, its attempt refunded. A failure the provider is not
 * paid for (spend/refund.ts) gives the last call's credit back.
 */
export const createJobHandler = (deps: JobHandlerDeps) => async (job: JobRow, signal?: AbortSignal, release?: () => void): Promise<void> => {
  let stoppedBeforeSend = false;
  let lastReservation: Reservation | undefined;
  /** How the job's row ended inside the write-back's transaction, when it did (a written or skipped outcome). */
  let endedInside: EndedRow | undefined;
  const viaFallback = (await deps.fallback?.inUse()) ?? false;
  const outcome = await deps.generate(job.fileId, {
    mode: job.mode,
    reason: job.reason,
    lang: job.lang,
    contextEntry: job.contextEntry,
    locales: job.locales,
    force: !!job.force,
    jobId: job.id,
    signal,
    viaFallback,
    // The write-back and the job's ending hold no slot: `concurrency` counts provider calls in flight.
    callsAnswered: release,
    // The texts, their records and the job's end: one transaction, so one commit per job.
    commit: (work) =>
      deps.store.transaction(async () => {
        endedInside = undefined;
        const outcome = await work();
        const end = endOf(outcome);
        if (end && !stoppedBeforeSend) endedInside = await deps.store.endRow(job, end.status, end.fields);
        return outcome;
      }),
    beforeSend: async ({ provider }) => {
      await deps.limiter.acquire(signal);
      if (signal?.aborted || (await deps.isPaused())) {
        stoppedBeforeSend = true;
        throw new StoppedBeforeSend('queue paused or stopping');
      }
      const reserved = await deps.budget.reserve(provider);
      if (!reserved.ok) {
        await deps.pauseQueue('BUDGET_REACHED', reserved.message, reserved.resumesAt);
        stoppedBeforeSend = true;
        throw new StoppedBeforeSend('budget reached');
      }
      lastReservation = reserved.reservation;
      if (job.runId) await deps.runCredits?.(job.runId, 1);
    },
  });
  // The calls before the last one were answered; only the last can have failed for free.
  if (!stoppedBeforeSend && lastReservation && chargedNothing(outcome)) {
    await deps.budget.release(lastReservation);
    if (job.runId) await deps.runCredits?.(job.runId, -1);
  }

  const now = Date.now();
  const settle = async (status: 'done' | 'skipped' | 'failed', fields: Parameters<JobStore['finish']>[2]) => {
    deps.logOutcome(job, outcome, false);
    const ended = endOf(outcome) ? endedInside : undefined;
    // A request left on the job while it ran is queued after the commit (its insert is raw SQL, outside the transaction).
    if (ended === 'ended, follow-up owed') await deps.store.queueFollowUpOf(job);
    const held = ended ? ended !== 'not held' : await deps.store.finish(job, status, fields);
    // Told once, by the worker whose row ended (a written text is told by the change seam, after its commit).
    if (held && status === 'failed') deps.jobFailed?.(job, fields?.errorCode ?? 'INTERNAL', remainingLocales ?? job.locales);
    if (held && job.runId) await deps.onRunJobSettled(job.runId);
  };
  // Locales written before a failure stay written: the retry owes only the rest.
  const remainingLocales = outcome.status === 'failed' ? outcome.remainingLocales : undefined;
  const retryAt = async (at: number, refundAttempt: boolean, code?: string, message?: string, rateLimitWait = false) => {
    deps.logOutcome(job, outcome, true);
    await deps.store.reschedule(job, new Date(at), { refundAttempt, rateLimitWait, errorCode: code, errorMessage: message, locales: remainingLocales });
  };

  if (stoppedBeforeSend) return retryAt(now, true);
  const detour = await deps.fallback?.afterAttempt(outcome, job.attempts >= deps.policy.maxAttempts);
  if (detour && outcome.status === 'failed') return retryAt(detour.retryAt, true, outcome.code, outcome.reason);
  // Locales the provider does not write were skipped before any credit: the job says which and why.
  if (outcome.status !== 'failed') {
    const { status, fields } = endOf(outcome) as NonNullable<ReturnType<typeof endOf>>;
    return settle(status, fields);
  }

  const { code, reason } = outcome;
  const fields = { strategy: outcome.strategy ?? null, errorCode: code, errorMessage: reason };
  switch (code) {
    case 'INVALID_KEY':
    case 'OUT_OF_CREDITS':
    case 'MISCONFIGURED':
      await deps.pauseQueue(code, reason);
      return retryAt(now, true, code, reason);
    case 'CANCELLED':
      return retryAt(now, true, code, reason);
    case 'RATE_LIMITED': {
      const waits = job.rateLimitWaits ?? 0;
      if (waits >= deps.policy.maxRateLimitWaits) {
        return settle('failed', { ...fields, errorMessage: `${reason} (still rate limited after waiting ${waits} times; see maxRateLimitWaits)` });
      }
      const until = now + (outcome.retryAfterMs ?? deps.policy.rateLimitWaitMs);
      deps.limiter.pauseUntil(until);
      return retryAt(until, true, code, reason, true);
    }
    case 'TRANSIENT':
    case 'TIMEOUT':
    case 'INTERNAL':
      if (job.attempts < deps.policy.maxAttempts) {
        return retryAt(now + backoffMs(job.attempts, deps.policy.retryBaseMs, deps.policy.retryMaxMs), false, code, reason);
      }
      return settle('failed', { ...fields, errorMessage: `${reason} (gave up after ${job.attempts} attempts)` });
    default:
      return settle('failed', fields);
  }
};
