import type { Core } from '@strapi/strapi';
import { JOB_UID, type JobReason, type JobStatus, type WriteMode } from '../models';
import { createJobTable } from './job-table';

/** An entry whose context a job must use. */
export interface EntryRef {
  uid: string;
  documentId: string;
  locale: string | null;
}

/** What someone asked for one file: why, whether it may replace alt text, in which language, with which entry's context. */
export interface JobRequest {
  reason: JobReason;
  mode: WriteMode;
  lang: string | null;
  contextEntry?: EntryRef | null;
  /** Only these locales; null or absent = every locale the plugin writes. */
  locales?: string[] | null;
  /** Ask the provider even when the cache holds a text for the same bytes (a forced run). */
  force?: boolean;
}

export type RequestOutcome = 'queued' | 'merged' | 'follow-up';

/** A replace (new bytes) outranks an upload or a run; an admin's explicit request outranks both. */
const RANK: Record<JobReason, number> = { upload: 0, run: 0, context: 1, replace: 1, manual: 2 };

/** Two requests for one file as one: the stronger reason, overwrite if either overwrites, the newer language and entry. */
export const mergeRequests = (earlier: JobRequest, later: JobRequest): JobRequest => ({
  reason: RANK[later.reason] >= RANK[earlier.reason] ? later.reason : earlier.reason,
  mode: earlier.mode === 'overwrite' || later.mode === 'overwrite' ? 'overwrite' : 'fill',
  lang: later.lang ?? earlier.lang,
  contextEntry: later.contextEntry ?? earlier.contextEntry ?? null,
  locales: unionOfLocales(earlier.locales, later.locales),
  force: earlier.force === true || later.force === true,
});

/** Every locale (null) wins over a list; two lists join. */
const unionOfLocales = (a: string[] | null | undefined, b: string[] | null | undefined): string[] | null =>
  !a || !b ? null : [...new Set([...a, ...b])];

interface ActiveJob extends JobRequest {
  id: number;
  status: JobStatus;
  followUp: JobRequest | null;
}

/** Enough tries for any interleaving of a job that ends while a request looks at it. */
const MAX_TRIES = 5;

/**
 * One request for one file, atomic against every other request, run and retry: the unique active
 * job per file decides. No active job → a new one. A waiting one → it absorbs the request (and
 * leaves its run: it now answers someone's explicit request). A running one → the request is kept
 * as its follow-up and queued the moment it ends, so a Regenerate or a Replace is never swallowed.
 */
export const createJobRequests = (strapi: Core.Strapi) => {
  const table = createJobTable(strapi);
  const jobs = () => strapi.db.query(JOB_UID);

  const absorb = async (active: ActiveJob, request: JobRequest): Promise<boolean> => {
    const merged = mergeRequests(active, request);
    const now = new Date();
    const { count } = await jobs().updateMany({
      where: { id: active.id, status: active.status },
      data: { ...merged, status: 'pending', runId: null, availableAt: now, updatedAt: now },
    });
    return count === 1;
  };

  const keepAsFollowUp = async (active: ActiveJob, request: JobRequest): Promise<boolean> => {
    const followUp = active.followUp ? mergeRequests(active.followUp, request) : request;
    const { count } = await jobs().updateMany({
      where: { id: active.id, status: 'running' },
      data: { followUp, updatedAt: new Date() },
    });
    return count === 1;
  };

  return {
    async request(fileId: number, request: JobRequest): Promise<RequestOutcome> {
      for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
        if ((await table.insertActive([{ fileId, ...request }])) === 1) return 'queued';
        const active = (await jobs().findOne({
          select: ['id', 'status', 'reason', 'mode', 'lang', 'followUp', 'contextEntry', 'locales', 'force'],
          where: { activeFileId: fileId },
        })) as ActiveJob | null;
        if (!active) continue; // it ended between the insert and the read: insert again
        if (active.status === 'running') {
          if (await keepAsFollowUp(active, request)) return 'follow-up';
        } else if (await absorb(active, request)) {
          return 'merged';
        }
      }
      throw new Error(`file #${fileId}: its job changed state ${MAX_TRIES} times while a request was being queued`);
    },

    /** Queues a job for each file that has none active; resolves with how many were queued. */
    enqueueMany: table.insertActive,
  };
};

export type JobRequests = ReturnType<typeof createJobRequests>;
