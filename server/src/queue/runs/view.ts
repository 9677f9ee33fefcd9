import type { RunView } from '../../../../shared/contracts/runs';
import type { JobStatus } from '../../../../shared/vocabulary';
import { totalOf } from '../../utils/count-snapshots';
import type { RunRow } from './types';

const iso = (value: string | Date | null): string | null => (value === null ? null : new Date(value).toISOString());

const progressOf = (counts: Record<JobStatus, number>, enqueueComplete: boolean): number => {
  const sent = totalOf(counts) - counts.skipped;
  if (sent === 0) return enqueueComplete ? 100 : 0;
  return Math.floor(((counts.done + counts.failed) / sent) * (enqueueComplete ? 100 : 99));
};

/** A run as the admin sees it: counts from its jobs (right whichever replica did the work) and its skips. */
export const runView = (run: RunRow, counts: Record<JobStatus, number>): RunView => {
  const skippedReasons = run.skippedAtEnqueue ?? {};
  const skippedBeforeQueue = totalOf(skippedReasons);
  const queued = totalOf(counts);
  const considered = queued + skippedBeforeQueue;
  return {
    id: run.id,
    scope: run.scope,
    mode: run.mode,
    force: !!run.force,
    lang: run.lang,
    locale: run.locale ?? null,
    status: run.status,
    enqueueComplete: !!run.enqueueComplete,
    createdAt: iso(run.createdAt) as string,
    finishedAt: iso(run.finishedAt),
    counts: {
      total: considered,
      queued,
      done: counts.done,
      skipped: counts.skipped + skippedBeforeQueue,
      failed: counts.failed,
      pending: counts.pending + counts.paused,
      running: counts.running,
      cancelled: counts.cancelled,
    },
    skippedReasons,
    // Images actually processed (described or failed) of those the run sends to the provider: skips,
    // at enqueue or by the worker, are no work and are shown apart; a cancelled run keeps the share it
    // reached (its cancelled jobs stay in the whole), and 100 needs the enqueue to be complete.
    progressPercent: progressOf(counts, !!run.enqueueComplete),
    // A driver may hand an integer back as text.
    credits: run.credits === null || run.credits === undefined ? null : Number(run.credits),
  };
};
