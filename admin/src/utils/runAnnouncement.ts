import type { RunStatus } from '../../../shared/vocabulary';

/**
 * A run's progress, said to screen readers at a pace they can follow: once per 10 % step and at
 * most every 5 s (the run is polled every second; saying each poll would drown everything else),
 * while a change of status (paused, resumed, finished, cancelled) is said at once.
 */
export const ANNOUNCE_STEP_PERCENT = 10;
export const ANNOUNCE_EVERY_MS = 5_000;

export type RunAnnouncementKind = 'progress' | 'paused' | 'resumed' | 'done' | 'cancelled';

/** What was last said (or, on the first look, seen) about the run. */
export interface AnnouncedRun {
  status: RunStatus;
  step: number;
  at: number;
}

const stepOf = (percent: number) => Math.floor(Math.min(100, Math.max(0, percent)) / ANNOUNCE_STEP_PERCENT);

const STATUS_CHANGE: Partial<Record<RunStatus, RunAnnouncementKind>> = { paused: 'paused', running: 'resumed', done: 'done', cancelled: 'cancelled' };

/**
 * What to say about the run now (`say`, or null to stay quiet) and what to remember for next time.
 * The first look says nothing: the panel shows the run, and a page that speaks as it opens is noise.
 */
export const nextRunAnnouncement = (
  last: AnnouncedRun | null,
  run: { status: RunStatus; percent: number },
  now: number
): { say: RunAnnouncementKind | null; remember: AnnouncedRun } => {
  const seen = { status: run.status, step: stepOf(run.percent), at: now };
  if (!last) return { say: null, remember: seen };
  if (run.status !== last.status) return { say: STATUS_CHANGE[run.status] ?? null, remember: seen };
  if (run.status === 'running' && seen.step > last.step && now - last.at >= ANNOUNCE_EVERY_MS) return { say: 'progress', remember: seen };
  return { say: null, remember: last };
};
