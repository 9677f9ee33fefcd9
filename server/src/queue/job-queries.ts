import type { Core } from '@strapi/strapi';
import type { JobStatus } from '../../../shared/vocabulary';
import { JOB_UID } from '../models';
import { createJobTable } from './job-table';
import { ACTIVE_STATUSES, FINISHED_STATUSES, type JobRow } from './job-rows';

/**
 * The jobs table read and kept: which files have work owing, counts, standing failures and their
 * retry (one job per file, never beside one already owing work), a run's jobs paused, resumed or
 * cancelled with it, upload skips recorded, legacy rows adopted, old rows pruned.
 */
export const createJobQueries = (strapi: Core.Strapi) => {
  const jobs = () => strapi.db.query(JOB_UID);
  const table = createJobTable(strapi);

  return {
    /** Of these files, the ones that already have a job owing work. */
    async filesWithActiveJobs(fileIds: number[]): Promise<Set<number>> {
      if (fileIds.length === 0) return new Set();
      const rows = (await jobs().findMany({
        select: ['fileId'],
        where: { activeFileId: { $in: fileIds } },
      })) as Array<{ fileId: number }>;
      return new Set(rows.map((row) => row.fileId));
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

export type JobQueries = ReturnType<typeof createJobQueries>;
