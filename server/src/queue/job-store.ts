import type { Core } from '@strapi/strapi';
import { JOB_UID, type JobReason, type JobStatus, type WriteMode } from './models';

export interface JobRow {
  id: number;
  fileId: number;
  runId: number | null;
  reason: JobReason;
  mode: WriteMode;
  lang: string | null;
  status: JobStatus;
  attempts: number;
  availableAt: string | Date | null;
  leaseOwner: string | null;
  leaseUntil: string | Date | null;
  strategy: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  finishedAt: string | Date | null;
}

export interface NewJob {
  fileId: number;
  reason: JobReason;
  mode: WriteMode;
  lang?: string | null;
  runId?: number | null;
}

/** Statuses in which a job still owes work; a file with such a job is not enqueued again. */
export const ACTIVE_STATUSES: JobStatus[] = ['pending', 'running', 'paused'];

const INSERT_CHUNK = 200;

/**
 * All SQL the queue runs against its jobs table. Claiming is a conditional update on
 * (id, status, attempts): two workers — in one process or in two replicas — can both see a job
 * as claimable, but only one update matches, so only one of them sends it.
 */
export const createJobStore = (strapi: Core.Strapi) => {
  const jobs = () => strapi.db.query(JOB_UID);

  return {
    async insert(rows: NewJob[]): Promise<number> {
      const now = new Date();
      for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
        const data = rows.slice(start, start + INSERT_CHUNK).map((row) => ({
          fileId: row.fileId,
          reason: row.reason,
          mode: row.mode,
          lang: row.lang ?? null,
          runId: row.runId ?? null,
          status: 'pending',
          attempts: 0,
          availableAt: now,
          createdAt: now,
          updatedAt: now,
        }));
        await jobs().createMany({ data });
      }
      return rows.length;
    },

    /** Of these files, the ones that already have a job owing work. */
    async filesWithActiveJobs(fileIds: number[]): Promise<Set<number>> {
      if (fileIds.length === 0) return new Set();
      const rows = (await jobs().findMany({
        select: ['fileId'],
        where: { fileId: { $in: fileIds }, status: { $in: ACTIVE_STATUSES } },
      })) as Array<{ fileId: number }>;
      return new Set(rows.map((row) => row.fileId));
    },

    async claim(limit: number, owner: string, leaseMs: number): Promise<JobRow[]> {
      if (limit <= 0) return [];
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

      const claimed: JobRow[] = [];
      for (const candidate of candidates) {
        if (claimed.length >= limit) break;
        const leaseUntil = new Date(now.getTime() + leaseMs);
        const { count } = await jobs().updateMany({
          where: { id: candidate.id, status: candidate.status, attempts: candidate.attempts },
          data: { status: 'running', leaseOwner: owner, leaseUntil, attempts: candidate.attempts + 1, updatedAt: now },
        });
        if (count === 1) {
          claimed.push({ ...candidate, status: 'running', leaseOwner: owner, leaseUntil, attempts: candidate.attempts + 1 });
        }
      }
      return claimed;
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
        data: { status, finishedAt: now, updatedAt: now, leaseUntil: null, ...fields },
      });
      return count === 1;
    },

    /** Puts a held job back in line, to be claimed at `availableAt`; `refundAttempt` when the job itself did not fail. */
    async reschedule(
      job: JobRow,
      availableAt: Date,
      options: { refundAttempt: boolean; errorCode?: string; errorMessage?: string }
    ): Promise<void> {
      await jobs().updateMany({
        where: { id: job.id, status: 'running', leaseOwner: job.leaseOwner },
        data: {
          status: 'pending',
          availableAt,
          leaseOwner: null,
          leaseUntil: null,
          attempts: options.refundAttempt ? job.attempts - 1 : job.attempts,
          errorCode: options.errorCode ?? null,
          errorMessage: options.errorMessage ?? null,
          updatedAt: new Date(),
        },
      });
    },

    /** Turns a waiting job for this file into an overwrite (an admin asked to regenerate it). */
    async upgradePendingToOverwrite(fileId: number, lang: string | null): Promise<number> {
      const { count } = await jobs().updateMany({
        where: { fileId, status: 'pending' },
        data: { mode: 'overwrite', reason: 'manual', ...(lang ? { lang } : {}), updatedAt: new Date() },
      });
      return count;
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

    async setStatusForRun(runId: number, from: JobStatus[], to: JobStatus, extra: Record<string, unknown> = {}): Promise<number> {
      const { count } = await jobs().updateMany({
        where: { runId, status: { $in: from } },
        data: { status: to, updatedAt: new Date(), ...extra },
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

    async listFailed(where: Record<string, unknown>, page: number, pageSize: number): Promise<{ rows: JobRow[]; total: number }> {
      const filter = { ...where, status: 'failed' };
      const [rows, total] = await Promise.all([
        jobs().findMany({ where: filter, orderBy: [{ id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize }),
        jobs().count({ where: filter }),
      ]);
      return { rows: rows as JobRow[], total: Number(total) };
    },

    async retryFailed(where: Record<string, unknown>): Promise<number> {
      const { count } = await jobs().updateMany({
        where: { ...where, status: 'failed' },
        data: { status: 'pending', attempts: 0, availableAt: new Date(), errorCode: null, errorMessage: null, finishedAt: null, updatedAt: new Date() },
      });
      return count;
    },

    /** Deletes finished jobs older than the cutoff; jobs owing work are never pruned. */
    async pruneFinished(olderThan: Date): Promise<number> {
      const { count } = await jobs().deleteMany({
        where: { status: { $in: ['done', 'skipped', 'failed', 'cancelled'] }, finishedAt: { $lt: olderThan } },
      });
      return count;
    },
  };
};

export type JobStore = ReturnType<typeof createJobStore>;
