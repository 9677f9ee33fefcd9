import type { RunScope } from '../../../../shared/contracts/runs';
import type { BudgetView } from '../../../../shared/contracts/spending';
import type { JobStatus, RunStatus, WriteMode } from '../../../../shared/vocabulary';
import type { EnqueueOptions } from '../control';
import type { JobStore } from '../job-store';
import type { LocaleSet } from '../../config/locales';
import type { ProviderLanguages } from './locale-plan';

export interface RunRow {
  id: number;
  scope: RunScope;
  mode: WriteMode;
  lang: string | null;
  locale: string | null;
  status: RunStatus;
  cursor: number;
  enqueueComplete: boolean;
  force?: boolean | null;
  /** Null for a run started before runs counted their credits. */
  credits?: number | null;
  /** Its jobs by status, kept once it ended and none owes work; null before, or when a late job made them stale. */
  jobCounts?: Record<JobStatus, number> | null;
  skippedAtEnqueue: Record<string, number> | null;
  enqueueOwner: string | null;
  enqueueLeaseUntil: string | Date | null;
  createdBy: string | null;
  createdAt: string | Date;
  finishedAt: string | Date | null;
}

export interface RunRequest {
  scope: RunScope;
  mode?: WriteMode;
  lang?: string | null;
  locale?: string | null;
  createdBy?: string;
  /** Ask the provider for every image, even those whose bytes were described the same way before. */
  force?: boolean;
}

/** What runs need from the queue they feed. */
export interface RunQueue {
  jobs: JobStore;
  /** This process's identity, for the enqueue lease. */
  owner: string;
  enqueue(fileIds: number[], options: EnqueueOptions & { runId: number }): Promise<{ enqueued: number; alreadyQueued: number }>;
  retryFailed(filter: { runId: number }): Promise<{ retried: number }>;
  nudge(): void;
  /** The locales the plugin writes. */
  localeSet(): Promise<LocaleSet>;
  /** What the provider in force can tell before spending; undefined without a key. */
  providerLanguages(): ProviderLanguages | undefined;
  /** The budget as of now; null when none is set. */
  budget(): Promise<BudgetView | null>;
}

/** SQLite's driver is synchronous: without a turn of the event loop between pages, a run over
 * 100 000 files held the whole process, HTTP server included, for ~8 s (measured by the bench). */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export const addCounts = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [reason, count] of Object.entries(from)) into[reason] = (into[reason] ?? 0) + count;
  return into;
};
