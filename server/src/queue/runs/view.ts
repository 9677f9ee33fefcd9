import type { RunView } from '../../../../shared/contracts/runs';
import type { JobStatus } from '../../../../shared/vocabulary';
import type { RunRow } from './types';

const iso = (value: string | Date | null): string | null => (value === null ? null : new Date(value).toISOString());

/** A run as the admin sees it: counts from its jobs (right whichever replica did the work) and its skips. */
export const runView = (run: RunRow, counts: Record<JobStatus, number>): RunView => {
  const skippedReasons = run.skippedAtEnqueue ?? {};
  const skippedBeforeQueue = Object.values(skippedReasons).reduce((sum, n) => sum + n, 0);
  const queued = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const finished = counts.done + counts.skipped + counts.failed + counts.cancelled;
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
    // Share of the run's files that reached an end; 100 only once enqueueing is complete.
    progressPercent:
      considered === 0
        ? run.enqueueComplete
          ? 100
          : 0
        : Math.floor(((finished + skippedBeforeQueue) / considered) * (run.enqueueComplete ? 100 : 99)),
  };
};
