import type { Core } from '@strapi/strapi';
import { JOB_UID, RUN_UID, type JobReason, type JobStatus, type RunStatus, type WriteMode } from './models';
import { createJobRequests, mergeRequests, type JobRequest } from './job-requests';
import { createJobTable } from './job-table';

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

export interface ClaimResult {
  claimed: JobRow[];
  /** Jobs whose worker died holding them one time too many: failed as WORKER_LOST, not claimed. */
  lost: JobRow[];
}

export interface RescheduleOptions {
  /** The attempt did not fail on the job's account (a pause, a shutdown, a rate limit). */
  refundAttempt: boolean;
  /** This reschedule waits out a 429: counted against `maxRateLimitWaits`. */
  rateLimitWait?: boolean;
  errorCode?: string;
  errorMessage?: string;
}

export const WORKER_LOST = 'WORKER_LOST';

/**
 * All SQL the queue runs against its jobs table. Claiming is a conditional update on
 * (id, status, attempts): two workers — in one process or in two replicas — can both see a job
 * as claimable, but only one update matches, so only one of them sends it. A job ending clears its
 * `activeFileId` (the file may be queued again) and queues the follow-up a request left on it.
 */
export const createJobStore = (strapi: Core.Strapi) => {
  const jobs = () => strapi.db.query(JOB_UID);
  const table = createJobTable(strapi);
  const requests = createJobRequests(strapi);

  /** Queues what was asked for this file while its job ran, now that the job has ended. */
  const queueFollowUp = async (jobId: number): Promise<void> => {
    const row = (await jobs().findOne({ select: ['id', 'fileId', 'followUp'], where: { id: jobId } })) as Pick<JobRow, 'id' | 'fileId' | 'followUp'> | null;
    if (!row?.followUp) return;
    await requests.request(row.fileId, row.followUp);
    await jobs().updateMany({ where: { id: jobId }, data: { followUp: null } });
  };

  /** A job put back in line while its run is paused or cancelled follows its run, not the queue. */
  const holdIfRunStopped = async (job: JobRow): Promise<void> => {
    if (!job.runId) return;
    const run = (await strapi.db.query(RUN_UID).findOne({ select: ['status'], where: { id: job.runId } })) as { status: RunStatus } | null;
    if (run?.status === 'paused') {
      await jobs().updateMany({ where: { id: job.id, status: 'pending' }, data: { status: 'paused', updatedAt: new Date() } });
    } else if (run?.status === 'cancelled') {
      const now = new Date();
      await jobs().updateMany({
        where: { id: job.id, status: 'pending' },
        data: { status: 'cancelled', activeFileId: null, finishedAt: now, updatedAt: now },
      });
    }
  };

  const failAsLost = async (candidate: JobRow, now: Date): Promise<boolean> => {
    const { count } = await jobs().updateMany({
      where: { id: candidate.id, status: 'running', attempts: candidate.attempts },
      data: {
        status: 'failed',
        activeFileId: null,
        leaseOwner: null,
        leaseUntil: null,
        errorCode: WORKER_LOST,
        errorMessage: `the process working on it stopped before it finished (a crash, out of memory or a kill) and all ${candidate.attempts} attempts are used`,
        finishedAt: now,
        updatedAt: now,
      },
    });
    if (count === 1) await queueFollowUp(candidate.id);
    return count === 1;
  };

  return {
    requests,

    /** Of these files, the ones that already have a job owing work. */
    async filesWithActiveJobs(fileIds: number[]): Promise<Set<number>> {
      if (fileIds.length === 0) return new Set();
      const rows = (await jobs().findMany({
        select: ['fileId'],
        where: { activeFileId: { $in: fileIds } },
      })) as Array<{ fileId: number }>;
      return new Set(rows.map((row) => row.fileId));
    },

    /**
     * Claims up to `limit` jobs that are due, or whose lease ran out (their worker died). A lease
     * take-over spends an attempt like any other claim, so an image that kills every process that
     * touches it is failed after `maxAttempts` instead of taken over forever.
     */
    async claim(limit: number, owner: string, options: { leaseMs: number; maxAttempts: number }): Promise<ClaimResult> {
      const result: ClaimResult = { claimed: [], lost: [] };
      if (limit <= 0) return result;
      const now = new Date();
      const candidates = (await jobs().findMany({
        where: {
          $or: [
            { status: 'pending', availableAt: { $lte: now } },
            // A replica that died mid-job leaves it running with a lease in the past.
            { status: 'running', leaseUntil: { $lt: now } },
          ],
        },
        orderBy: [{ availableAt: 'asc' }, { id: 'asc' }],
        limit: limit * 2,
      })) as JobRow[];

      for (const candidate of candidates) {
        if (result.claimed.length >= limit) break;
        if (candidate.status === 'running' && candidate.attempts >= options.maxAttempts) {
          if (await failAsLost(candidate, now)) result.lost.push(candidate);
          continue;
        }
        const leaseUntil = new Date(now.getTime() + options.leaseMs);
        const { count } = await jobs().updateMany({
          where: { id: candidate.id, status: candidate.status, attempts: candidate.attempts },
          data: { status: 'running', leaseOwner: owner, leaseUntil, attempts: candidate.attempts + 1, updatedAt: now },
        });
        if (count === 1) {
          result.claimed.push({ ...candidate, status: 'running', leaseOwner: owner, leaseUntil, attempts: candidate.attempts + 1 });
        }
      }
      return result;
    },

    /** Ends a job this worker holds; a job whose lease was taken over by another worker is left alone. */
    async finish(
      job: JobRow,
      status: Extract<JobStatus, 'done' | 'skipped' | 'failed'>,
      fields: { strategy?: string | null; errorCode?: string | null; errorMessage?: string | null } = {}
    ): Promise<boolean> {
      const now = new Date();
      const { count } = await jobs().updateMany({
        where: { id: job.id, status: 'running', leaseOwner: job.leaseOwner },
        data: { status, activeFileId: null, finishedAt: now, updatedAt: now, leaseUntil: null, ...fields },
      });
      if (count === 1) await queueFollowUp(job.id);
      return count === 1;
    },

    /**
     * Puts a held job back in line, to be claimed at `availableAt`. A follow-up request is folded
     * into it (the job has produced nothing yet, so one call can answer both).
     */
    async reschedule(job: JobRow, availableAt: Date, options: RescheduleOptions): Promise<void> {
      const current = (await jobs().findOne({ select: ['followUp'], where: { id: job.id } })) as Pick<JobRow, 'followUp'> | null;
      const followUp = current?.followUp;
      const merged = followUp ? { ...mergeRequests(job, followUp), runId: null, followUp: null } : {};
      await jobs().updateMany({
        where: { id: job.id, status: 'running', leaseOwner: job.leaseOwner },
        data: {
          status: 'pending',
          availableAt,
          leaseOwner: null,
          leaseUntil: null,
          attempts: options.refundAttempt ? job.attempts - 1 : job.attempts,
          rateLimitWaits: (job.rateLimitWaits ?? 0) + (options.rateLimitWait ? 1 : 0),
          errorCode: options.errorCode ?? null,
          errorMessage: options.errorMessage ?? null,
          updatedAt: new Date(),
          ...merged,
        },
      });
      if (!followUp) await holdIfRunStopped(job);
    },

    /** Extends the lease of a job this worker still holds. */
    async renewLease(job: JobRow, leaseMs: number): Promise<void> {
      await jobs().updateMany({
        where: { id: job.id, status: 'running', leaseOwner: job.leaseOwner },
        data: { leaseUntil: new Date(Date.now() + leaseMs) },
      });
    },

    /** Jobs that a worker could claim right now (pending and due, or running with a dead lease). */
    async countClaimableNow(): Promise<number> {
      const now = new Date();
      return Number(
        await jobs().count({
          where: { $or: [{ status: 'pending', availableAt: { $lte: now } }, { status: 'running', leaseUntil: { $lt: now } }] },
        })
      );
    },

    /** When the next waiting job becomes claimable (for the idle sleep), or undefined. */
    async nextAvailableAt(): Promise<Date | undefined> {
      const next = (await jobs().findOne({
        select: ['availableAt'],
        where: { status: 'pending' },
        orderBy: [{ availableAt: 'asc' }],
      })) as Pick<JobRow, 'availableAt'> | null;
      return next?.availableAt ? new Date(next.availableAt) : undefined;
    },

    async pauseRunJobs(runId: number): Promise<number> {
      const { count } = await jobs().updateMany({ where: { runId, status: 'pending' }, data: { status: 'paused', updatedAt: new Date() } });
      return count;
    },

    async resumeRunJobs(runId: number): Promise<number> {
      const now = new Date();
      const { count } = await jobs().updateMany({ where: { runId, status: 'paused' }, data: { status: 'pending', availableAt: now, updatedAt: now } });
      return count;
    },

    /** Waiting jobs of a cancelled run end; running ones finish their call (it is already paid for). */
    async cancelRunJobs(runId: number): Promise<number> {
      const now = new Date();
      const { count } = await jobs().updateMany({
        where: { runId, status: { $in: ['pending', 'paused'] } },
        data: { status: 'cancelled', activeFileId: null, finishedAt: now, updatedAt: now },
      });
      return count;
    },

    /** Jobs of a run that still owe work (pending, running or paused). */
    async countOwingWork(runId: number): Promise<number> {
      return Number(await jobs().count({ where: { runId, status: { $in: ACTIVE_STATUSES } } }));
    },

    async countByStatus(where: Record<string, unknown> = {}): Promise<Record<JobStatus, number>> {
      const statuses: JobStatus[] = ['pending', 'running', 'done', 'skipped', 'failed', 'paused', 'cancelled'];
      const counts = await Promise.all(statuses.map((status) => jobs().count({ where: { ...where, status } })));
      return Object.fromEntries(statuses.map((status, index) => [status, Number(counts[index])])) as Record<JobStatus, number>;
    },

    /** Failures still standing: failed jobs that are their file's latest job. */
    async listFailed(filter: { runId?: number }, page: number, pageSize: number): Promise<{ rows: JobRow[]; total: number }> {
      const [{ total }] = (await table.latestFailures(filter).count({ total: '*' })) as Array<{ total: number | string }>;
      const ids = ((await table
        .latestFailures(filter)
        .select({ id: `failed.${table.column('id')}` })
        .orderBy(`failed.${table.column('id')}`, 'desc')
        .offset((page - 1) * pageSize)
        .limit(pageSize)) as Array<{ id: number | string }>).map((row) => Number(row.id));
      const rows = ids.length === 0 ? [] : ((await jobs().findMany({ where: { id: { $in: ids } }, orderBy: [{ id: 'desc' }] })) as JobRow[]);
      return { rows, total: Number(total) };
    },

    /**
     * Queues standing failures again, one job per file, never beside a job already owing work for
     * that file (the unique active job decides, so concurrent retries and Regenerates cannot
     * double up). Resolves with how many were queued.
     */
    async retryFailed(filter: { runId?: number; jobIds?: number[] }): Promise<number> {
      const candidates = (await table
        .latestFailures(filter)
        .select({ id: `failed.${table.column('id')}`, fileId: `failed.${table.column('fileId')}` })) as Array<{ id: number | string; fileId: number | string }>;
      const now = new Date();
      let retried = 0;
      for (const candidate of candidates) {
        if (await table.reactivate(Number(candidate.id), Number(candidate.fileId), now)) retried += 1;
      }
      return retried;
    },

    /** An upload the plugin will not describe (too small, already has alt text…): recorded, nothing queued. */
    async recordSkippedUpload(fileId: number, reason: string): Promise<void> {
      const now = new Date();
      await jobs().create({
        data: { fileId, reason: 'upload', mode: 'fill', status: 'skipped', attempts: 0, errorMessage: reason, finishedAt: now, createdAt: now, updatedAt: now },
      });
    },

    /**
     * At boot: active jobs written by a version without `activeFileId` get it; a second active job
     * for the same file (possible then) is cancelled, so the file is sent once.
     */
    async adoptLegacyActiveJobs(): Promise<number> {
      const legacy = (await jobs().findMany({
        select: ['id', 'fileId'],
        where: { activeFileId: null, status: { $in: ACTIVE_STATUSES } },
        orderBy: [{ id: 'asc' }],
      })) as Array<Pick<JobRow, 'id' | 'fileId'>>;
      let cancelled = 0;
      for (const job of legacy) {
        if (await table.adopt(job.id, job.fileId)) continue;
        const now = new Date();
        await jobs().updateMany({
          where: { id: job.id, activeFileId: null },
          data: { status: 'cancelled', errorMessage: 'another job owes work for the same file', finishedAt: now, updatedAt: now },
        });
        cancelled += 1;
      }
      return cancelled;
    },

    /** Deletes finished jobs older than the cutoff; jobs owing work are never pruned. */
    async pruneFinished(olderThan: Date): Promise<number> {
      const { count } = await jobs().deleteMany({
        where: { status: { $in: FINISHED_STATUSES }, finishedAt: { $lt: olderThan } },
      });
      return count;
    },
  };
};

export type JobStore = ReturnType<typeof createJobStore>;
