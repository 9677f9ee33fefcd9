import type { Core } from '@strapi/strapi';
import { JOB_UID, RUN_UID, type JobStatus, type RunStatus } from '../models';
import { createClaimBatch, nextLeaseUntil } from './job-claim';
import { createJobQueries } from './job-queries';
import { createJobRequests, mergeRequests } from './job-requests';
import type { JobRow } from './job-rows';

export { ACTIVE_STATUSES, FINISHED_STATUSES, type JobRow } from './job-rows';

export interface ClaimResult {
  claimed: JobRow[];
  /** Jobs whose worker died holding them one time too many: failed as WORKER_LOST, not claimed. */
  lost: JobRow[];
  /** Whether claimable jobs may be left after this claim (false: the claim saw them all). */
  more: boolean;
}

export interface RescheduleOptions {
  /** The attempt did not fail on the job's account (a pause, a shutdown, a rate limit). */
  refundAttempt: boolean;
  /** This reschedule waits out a 429: counted against `maxRateLimitWaits`. */
  rateLimitWait?: boolean;
  errorCode?: string;
  errorMessage?: string;
  /** The locales still owed, when a job wrote some before it failed. */
  locales?: string[];
}

export const WORKER_LOST = 'WORKER_LOST';

type EndStatus = Extract<JobStatus, 'done' | 'skipped' | 'failed'>;
type EndFields = { strategy?: string | null; errorCode?: string | null; errorMessage?: string | null };
/** How a job's row ended: by this worker (with a request left on it to queue next), or not (its lease was taken over). */
export type EndedRow = 'ended' | 'ended, follow-up owed' | 'not held';

/**
 * The jobs table as the worker drives it (the reads and upkeep are in job-queries.ts, requests in
 * job-requests.ts; all three are one store). Claiming is a conditional update on
 * (id, status, attempts), for a batch at once: two workers — in one process or in two replicas —
 * can both see a job as claimable, but the row changes for only one of them, so only one sends it. A job ending clears its
 * `activeFileId` (the file may be queued again) and queues the follow-up a request left on it.
 */
export const createJobStore = (strapi: Core.Strapi) => {
  const jobs = () => strapi.db.query(JOB_UID);
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

  const claimBatch = createClaimBatch(strapi);

  return {
    ...createJobQueries(strapi),
    requests,

    /**
     * Claims up to `limit` jobs that are due, or whose lease ran out (their worker died). A lease
     * take-over spends an attempt like any other claim, so an image that kills every process that
     * touches it is failed after `maxAttempts` instead of taken over forever.
     */
    async claim(limit: number, owner: string, options: { leaseMs: number; maxAttempts: number }): Promise<ClaimResult> {
      const result: ClaimResult = { claimed: [], lost: [], more: true };
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

      const leaseUntil = nextLeaseUntil(now.getTime() + options.leaseMs);
      const left = [...candidates];
      // Rows another worker took first are replaced from the spare candidates, a batch at a time.
      while (result.claimed.length < limit && left.length > 0) {
        const picks: JobRow[] = [];
        while (picks.length < limit - result.claimed.length && left.length > 0) {
          const candidate = left.shift() as JobRow;
          if (candidate.status === 'running' && candidate.attempts >= options.maxAttempts) {
            if (await failAsLost(candidate, now)) result.lost.push(candidate);
          } else picks.push(candidate);
        }
        result.claimed.push(...(await claimBatch(picks, owner, leaseUntil, now)));
      }
      // Fewer candidates than asked for, all taken: nothing else was claimable when they were read.
      result.more = left.length > 0 || candidates.length >= limit * 2;
      return result;
    },

    /** Ends a job this worker holds; a job whose lease was taken over by another worker is left alone. */
    async finish(job: JobRow, status: EndStatus, fields: EndFields = {}): Promise<boolean> {
      const ended = await this.endRow(job, status, fields);
      if (ended === 'ended, follow-up owed') await queueFollowUp(job.id);
      return ended !== 'not held';
    },

    /**
     * The row half of `finish`, safe inside a job's write transaction (query layer only): most jobs
     * end with no request left on them, so the first update matches and nothing is read back. A
     * follow-up owed is queued by `queueFollowUpOf` once the transaction is over.
     */
    async endRow(job: JobRow, status: EndStatus, fields: EndFields = {}): Promise<EndedRow> {
      const now = new Date();
      const data = { status, activeFileId: null, finishedAt: now, updatedAt: now, leaseUntil: null, ...fields };
      const held = { id: job.id, status: 'running', leaseOwner: job.leaseOwner };
      if ((await jobs().updateMany({ where: { ...held, followUp: null }, data })).count === 1) return 'ended';
      const { count } = await jobs().updateMany({ where: held, data });
      return count === 1 ? 'ended, follow-up owed' : 'not held';
    },

    queueFollowUpOf: (job: Pick<JobRow, 'id'>): Promise<void> => queueFollowUp(job.id),

    /** Runs `work` in one transaction: the query layer joins it by itself, raw knex through `knexNow`. */
    transaction: <T>(work: () => Promise<T>): Promise<T> => strapi.db.transaction(() => work()) as unknown as Promise<T>,

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
          ...(options.locales && options.locales.length > 0 ? { locales: options.locales } : {}),
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

  };
};

export type JobStore = ReturnType<typeof createJobStore>;
