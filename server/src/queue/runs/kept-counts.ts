import type { JobStatus, RunStatus } from '../../../../shared/vocabulary';

/** A run that will not change by itself any more: finished or cancelled (a retry may open a finished one again). */
export const isEnded = (status: RunStatus): boolean => status === 'done' || status === 'cancelled';

/** No job is waiting or running: the counts are final unless a failure is retried. */
export const owesNoWork = (counts: Record<JobStatus, number>): boolean => counts.pending + counts.running + counts.paused === 0;
