import type { Page } from './common';
import type { RunView } from './runs';
import type { FallbackReason, JobStatus, PauseReason, ProviderName } from '../vocabulary';

/** The queue as the admin sees it: state, coverage, failures (`/status`, `/queue/*`, `/failures*`). */

export interface QueueStateView {
  paused: boolean;
  reason?: PauseReason;
  message?: string;
  since?: string;
  /** ISO: the pause ends by itself then (BUDGET_REACHED: the next UTC day or month). */
  resumesAt?: string;
  /** The fallback provider (config `fallback`); absent when none is configured. */
  fallback?: FallbackStateView;
}

/** Whether jobs go to the fallback provider now, and why (`reason`: what the primary did; `since`: ISO time). */
export interface FallbackStateView {
  active: boolean;
  provider: ProviderName;
  primary: ProviderName;
  reason?: FallbackReason;
  since?: string;
}

export interface LocaleCoverageView {
  withAltText: number;
  missingAltText: number;
  coveragePercent: number;
}

export interface CoverageView {
  images: number;
  /** Of the default locale (the text in `alternativeText`). */
  withAltText: number;
  missingAltText: number;
  coveragePercent: number;
  /** Per locale the plugin writes (`locales` config); one entry, the default, when it writes one. */
  locales: Record<string, LocaleCoverageView>;
  jobs: Record<JobStatus, number>;
  /**
   * When these numbers were counted (ISO). Now, on a library under 20 000 images; on a larger one
   * the counts are snapshots recounted in the background (at least every 2 s, at most 10 % of a
   * connection's time), so this may be seconds old.
   */
  countedAt: string;
}

export interface FailureView {
  jobId: number;
  fileId: number;
  fileName: string | null;
  code: string | null;
  message: string | null;
  strategy: string | null;
  attempts: number;
  at: string | null;
}

/** GET /auto-alt-text/status — coverage, queue state, credits and the latest run. */
export declare namespace GetStatus {
  interface Response { data: { queue: QueueStateView; coverage: CoverageView; latestRun: RunView | null } }
}

/** POST /auto-alt-text/queue/pause, POST /auto-alt-text/queue/resume */
export declare namespace SetQueueState {
  interface Response { data: QueueStateView }
}

/** GET /auto-alt-text/failures?runId=&page=&pageSize= */
export declare namespace GetFailures {
  interface Response { data: Page<FailureView> }
}

/** POST /auto-alt-text/failures/retry — `{ jobIds }` or `{ runId }` or `{}` (all). */
export declare namespace RetryFailures {
  interface Request { body: { jobIds?: number[]; runId?: number } }
  interface Response { data: { retried: number } }
}
