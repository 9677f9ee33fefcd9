import type { JobReason, JobStatus, WriteMode } from '../models';
import type { EntryRef, JobRequest } from './job-requests';

export interface JobRow {
  id: number;
  fileId: number;
  activeFileId: number | null;
  runId: number | null;
  reason: JobReason;
  mode: WriteMode;
  lang: string | null;
  status: JobStatus;
  attempts: number;
  rateLimitWaits: number | null;
  followUp: JobRequest | null;
  contextEntry: EntryRef | null;
  locales: string[] | null;
  force?: boolean;
  availableAt: string | Date | null;
  leaseOwner: string | null;
  leaseUntil: string | Date | null;
  strategy: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  finishedAt: string | Date | null;
}

/** Statuses in which a job still owes work; a file has at most one such job (`activeFileId`). */
export const ACTIVE_STATUSES: JobStatus[] = ['pending', 'running', 'paused'];
export const FINISHED_STATUSES: JobStatus[] = ['done', 'skipped', 'failed', 'cancelled'];
