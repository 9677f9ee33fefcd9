import type { Core } from '@strapi/strapi';
import { readConfig } from '../config/read';
import { pruneHistory } from '../history';
import { createCachedTexts } from '../cache';
import type { JobReason, WriteMode } from '../models';
import { PLUGIN_ID } from '../utils/plugin-id';
import { now } from '../spend';
import { keyHint } from '../utils/redact';
import { createWebhookAnnouncer } from '../webhooks';
import type { FallbackRouting } from './fallback';
import type { EntryRef, JobRequest, RequestOutcome } from './job-requests';
import type { JobStore } from './job-store';
import { createPauseFlag } from './pause-flag';
import { createQueueStateStore, type PauseReason, type QueueState } from './queue-state';

export interface EnqueueOptions {
  reason?: JobReason;
  mode?: WriteMode;
  lang?: string | null;
  runId?: number | null;
  /** The entry whose context each file is described with (an entries run); absent = every entry. */
  contextOf?: (fileId: number) => EntryRef | null;
  /** Only these locales; null = every locale the plugin writes. */
  locales?: string[] | null;
  /** Ask the provider even when the cache holds a text for the same bytes. */
  force?: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the rest of the plugin asks of the queue: put work in (an upload, one file's request, a
 * page of a run), pause and resume it (shared by every replica: the state is in the database),
 * retry failures, prune. `wake` nudges this process's worker; other replicas poll.
 */
export const createQueueControl = (
  strapi: Core.Strapi,
  deps: {
    store: JobStore;
    wake(): void;
    /** The balance of the primary provider, or of the fallback's. */
    getCredits(which: 'primary' | 'fallback'): Promise<{ reported: boolean; remaining?: number } | undefined>;
    fallback?: Pick<FallbackRouting, 'inUse' | 'outOfCredits' | 'primaryRecovered'>;
  }
) => {
  // The worker asks at every claim and before every call: a recent answer serves, never older than one poll.
  const state = createPauseFlag(createQueueStateStore(strapi), { maxAgeMs: () => Math.min(readConfig(strapi).pollIntervalMs, 1000), now: () => now().getTime() });
  const log = (level: 'info' | 'warn', message: string) => strapi.log[level](`[${PLUGIN_ID}] ${message}`);
  const webhooks = createWebhookAnnouncer(strapi);
  /** A provider that reports no balance (OpenAI-compatible) counts as having some: it is simply tried. */
  const hasCredits = async (which: 'primary' | 'fallback'): Promise<boolean> => {
    try {
      const credits = await deps.getCredits(which);
      return !!credits && (!credits.reported || (credits.remaining ?? 0) > 0);
    } catch {
      // Still no answer: try again at the next probe.
      return false;
    }
  };

  const control = {
    /**
     * The upload lifecycle calls this and must stay fast: one insert. An upload the rules say not
     * to send (`skipReason`) is recorded as skipped, at no cost. `wakeWhen` decides when this
     * process's worker is told (the lifecycle: once the upload's response is sent); at once by default.
     */
    async enqueueNewUpload(fileId: number, skipReason?: string, options: { waitMs?: number; wakeWhen?: (wake: () => void) => void } = {}) {
      if (skipReason) return deps.store.recordSkippedUpload(fileId, skipReason);
      const { waitMs = 0, wakeWhen = (wake) => wake() } = options;
      await deps.store.requests.enqueueMany([{ fileId, reason: 'upload', mode: 'fill', ...(waitMs > 0 ? { availableAt: new Date(Date.now() + waitMs) } : {}) }]);
      // A job waiting for its entry is found by the poll when its time comes.
      if (waitMs === 0) wakeWhen(deps.wake);
    },

    /**
     * One request for one file (Regenerate, Replace): queued, folded into the job already waiting,
     * or kept as the follow-up of the job running now — never dropped, never doubled.
     */
    async request(fileId: number, request: JobRequest): Promise<RequestOutcome> {
      const outcome = await deps.store.requests.request(fileId, request);
      if (outcome !== 'follow-up') deps.wake();
      return outcome;
    },

    /** Queues files that have no job owing work already (the database refuses a second one). */
    async enqueue(fileIds: number[], options: EnqueueOptions = {}): Promise<{ enqueued: number; alreadyQueued: number }> {
      const unique = [...new Set(fileIds)];
      const { reason = 'manual', mode = 'fill', lang = null, runId = null, contextOf, locales = null, force = false } = options;
      const enqueued = await deps.store.requests.enqueueMany(unique.map((fileId) => ({ fileId, reason, mode, lang, runId, locales, force, contextEntry: contextOf?.(fileId) ?? null })));
      if (enqueued > 0) deps.wake();
      return { enqueued, alreadyQueued: unique.length - enqueued };
    },

    getState: (): Promise<QueueState> => state.get(),

    /**
     * Whether the queue is paused, from an answer at most min(pollIntervalMs, 1 s) old (this
     * process's own pause and resume count at once). A pause with `resumesAt` (the budget's) ends here once the clock
     * passes it: every worker asks at each poll, so whichever replica looks first resumes the queue
     * for all, and no admin is needed. If the budget is still spent, the next call pauses it again.
     */
    isPaused: (): Promise<boolean> => state.paused((current) => control.resume(`the ${current.reason === 'BUDGET_REACHED' ? 'budget period' : 'pause'} ended`)),

    async pause(reason: PauseReason, message: string, resumesAt?: Date) {
      const current = await state.get();
      if (current.paused && current.reason === reason) return;
      await state.pause(reason, message, keyHint(readConfig(strapi).apiKey), resumesAt);
      log('warn', `queue paused (${reason}): ${message}`);
      webhooks.queuePaused(reason, resumesAt);
    },

    async resume(why?: string) {
      await state.resume();
      log('info', `queue resumed${why ? ` (${why})` : ''}`);
      deps.wake();
    },

    /**
     * While jobs are on the fallback because the primary ran out of credits, sends them back as
     * soon as the primary reports some again; while paused for lack of credits, resumes as soon as
     * the provider in use reports some. A provider that reports no balance (OpenAI-compatible) is
     * simply tried again at each probe.
     */
    async probeCredits(): Promise<boolean> {
      const back = !!deps.fallback && (await deps.fallback.outOfCredits()) && (await hasCredits('primary')) && (await deps.fallback.primaryRecovered('it reports credits again'));
      const current = await state.get();
      if (!current.paused || current.reason !== 'OUT_OF_CREDITS') return back;
      if (back || (await hasCredits((await deps.fallback?.inUse()) ? 'fallback' : 'primary'))) {
        await control.resume();
        return true;
      }
      return false;
    },

    /**
     * At boot: a key, configuration or budget that may have changed since the pause deserves another
     * try (a budget still spent pauses the queue again at the first call, which costs nothing).
     */
    async resumeIfConfigChanged() {
      const current = await state.get();
      if (!current.paused) return;
      const keyChanged = current.reason === 'INVALID_KEY' && current.keyHint !== keyHint(readConfig(strapi).apiKey);
      if (keyChanged || current.reason === 'MISCONFIGURED' || current.reason === 'BUDGET_REACHED') await control.resume('the configuration may have changed');
    },

    async retryFailed(options: { runId?: number; jobIds?: number[] } = {}) {
      const count = await deps.store.retryFailed(options);
      if (count > 0) deps.wake();
      return { retried: count };
    },

    /** Finished jobs past `jobRetentionDays` (and cached texts unused as long, or of bytes no file has any more), and alt-text versions past `historyRetentionDays`. */
    async pruneFinished(): Promise<number> {
      await pruneHistory(strapi);
      const before = new Date(Date.now() - readConfig(strapi).jobRetentionDays * DAY_MS);
      const cached = createCachedTexts(strapi);
      await cached.pruneUnusedSince(before);
      await cached.forgetOrphans();
      return deps.store.pruneFinished(before);
    },
  };
  return control;
};
