import type { Core } from '@strapi/strapi';
import type { RunView } from '../../../../shared/contracts/runs';
import type { JobStatus } from '../../../../shared/vocabulary';
import { RUN_UID } from '../../models';
import { createLoggedCountSnapshots, SNAPSHOT_FROM_ROWS, totalOf } from '../../utils/count-snapshots';
import { PLUGIN_ID } from '../../utils/plugin-id';
import { createWebhookAnnouncer } from '../../webhooks';
import { createRunCredits } from './credits';
import { createRunEnqueuer } from './enqueue';
import { runHistory } from './history';
import { isEnded, owesNoWork } from './kept-counts';
import { assertFolderExists } from './folder-scope';
import type { RunQueue, RunRequest, RunRow } from './types';
import { runView } from './view';

/**
 * Bulk runs: a row with a scope, a mode and a cursor, and its life — created, enqueued page by page,
 * paused, resumed, cancelled, its failures retried, settled once none of its jobs owes work.
 */
export const createRuns = (strapi: Core.Strapi, queue: () => RunQueue) => {
  const runs = () => strapi.db.query(RUN_UID);
  const jobs = () => queue().jobs;
  const webhooks = createWebhookAnnouncer(strapi);
  // A run over a whole large library has as many jobs: its progress, polled every few seconds, is
  // then read from a snapshot recounted in the background (utils/count-snapshots.ts).
  const runCounts = createLoggedCountSnapshots(strapi.log, PLUGIN_ID);
  const countsOf = async (runId: number) =>
    (await runCounts.read(`run:${runId}`, () => jobs().countByStatus({ runId }), (counts) => totalOf(counts) >= SNAPSHOT_FROM_ROWS)).value;
  /** After an action on a run, its view is counted afresh (the admin shows what the click did). */
  const freshView = (runId: number) => {
    runCounts.forget(`run:${runId}`);
    return service.get(runId);
  };

  /** Counts a run's jobs afresh, and keeps them on its row once it ended with nothing owing work, so they are not counted again. */
  const countAndKeep = async (run: RunRow): Promise<Record<JobStatus, number>> => {
    const counts = await jobs().countByStatus({ runId: run.id });
    if (isEnded(run.status) && owesNoWork(counts)) await runs().updateMany({ where: { id: run.id, status: run.status }, data: { jobCounts: counts } });
    return counts;
  };
  /** An ended run's kept counts; an open run's (a large one's from a snapshot); an ended one without them counted once and kept. */
  const countsFor = async (run: RunRow): Promise<Record<JobStatus, number>> => {
    if (isEnded(run.status)) return run.jobCounts ?? countAndKeep(run);
    return countsOf(run.id);
  };

  const runs_ = {
    /** Marks a run done once it is fully enqueued and none of its jobs owes work; keeps its counts then. */
    async settleIfFinished(runId: number): Promise<void> {
      const run = (await runs().findOne({ where: { id: runId } })) as RunRow | null;
      if (!run) return;
      // A job of an ended run ended late (in flight at the cancel, retried on its own): its kept counts
      // are stale, and are counted again when the run is next read.
      if (isEnded(run.status)) {
        if (run.jobCounts) await runs().updateMany({ where: { id: runId }, data: { jobCounts: null } });
        return;
      }
      if (run.status !== 'running' || !run.enqueueComplete) return;
      // Called after every job of a run: one count, not one per status.
      if ((await jobs().countOwingWork(runId)) > 0) return;
      const finishedAt = new Date();
      const counts = await jobs().countByStatus({ runId });
      const { count } = await runs().updateMany({ where: { id: runId, status: 'running' }, data: { status: 'done', finishedAt, updatedAt: finishedAt, jobCounts: owesNoWork(counts) ? counts : null } });
      // Only the caller whose update settled it tells webhooks: every job of a run ends here, on any replica.
      if (count === 1) webhooks.runFinished(run, async () => counts, finishedAt);
    },

    /** A paid call of one of the run's jobs took a credit (+1), or got it back (-1). */
    addCredits: createRunCredits(strapi),
  };
  const enqueuer = createRunEnqueuer(strapi, queue, runs_.settleIfFinished);

  const service = {
    ...runs_,
    estimate: enqueuer.estimate,
    continueEnqueue: enqueuer.continueEnqueue,

    async create(request: RunRequest): Promise<RunRow> {
      await assertFolderExists(strapi, request.scope);
      const now = new Date();
      const run = (await runs().create({
        data: {
          scope: request.scope,
          mode: request.mode ?? 'fill',
          lang: request.lang ?? null,
          locale: request.locale ?? null,
          status: 'running',
          cursor: 0,
          enqueueComplete: false,
          force: request.force === true,
          credits: 0,
          skippedAtEnqueue: {},
          createdBy: request.createdBy ?? null,
          createdAt: now,
          updatedAt: now,
        },
      })) as RunRow;
      void enqueuer.continueEnqueue(run.id);
      return run;
    },

    async pause(runId: number) {
      const { count } = await runs().updateMany({ where: { id: runId, status: 'running' }, data: { status: 'paused', updatedAt: new Date() } });
      if (count === 1) await jobs().pauseRunJobs(runId);
      return freshView(runId);
    },

    async resume(runId: number) {
      const { count } = await runs().updateMany({ where: { id: runId, status: 'paused' }, data: { status: 'running', updatedAt: new Date() } });
      if (count === 1) {
        await jobs().resumeRunJobs(runId);
        queue().nudge();
        void enqueuer.continueEnqueue(runId);
      }
      return freshView(runId);
    },

    async cancel(runId: number) {
      const finishedAt = new Date();
      const { count } = await runs().updateMany({
        where: { id: runId, status: { $in: ['running', 'paused'] } },
        data: { status: 'cancelled', finishedAt, updatedAt: finishedAt },
      });
      if (count === 1) {
        await jobs().cancelRunJobs(runId);
        const run = (await runs().findOne({ where: { id: runId } })) as RunRow;
        // Only the cancel that landed tells webhooks, as only the settle that landed tells of a finished run.
        webhooks.runFinished(run, () => jobs().countByStatus({ runId }), finishedAt, 'cancelled');
      }
      return freshView(runId);
    },

    async retryFailed(runId: number) {
      const result = await queue().retryFailed({ runId });
      if (result.retried > 0) {
        await runs().updateMany({ where: { id: runId }, data: { jobCounts: null } });
        await runs().updateMany({ where: { id: runId, status: 'done' }, data: { status: 'running', finishedAt: null, updatedAt: new Date() } });
      }
      return result;
    },

    async get(runId: number): Promise<RunView | null> {
      const run = (await runs().findOne({ where: { id: runId } })) as RunRow | null;
      return run ? runView(run, await countsFor(run)) : null;
    },

    /** The latest runs, newest first. */
    async list(limit = 10): Promise<RunView[]> {
      const rows = (await runs().findMany({ orderBy: [{ id: 'desc' }], limit })) as RunRow[];
      return Promise.all(rows.map(async (run) => runView(run, await countsFor(run))));
    },

    /** GET /runs: a page of the run history, newest first (runs-history.ts). */
    history: (options: { page?: number; pageSize?: number } = {}) => runHistory(strapi, options, countsFor),

    /** At boot: runs whose enqueuer stopped (restart, crash) carry on from their cursor. */
    async continueInterrupted() {
      const open = (await runs().findMany({ where: { status: 'running', enqueueComplete: false } })) as RunRow[];
      for (const run of open) void enqueuer.continueEnqueue(run.id);
      const finishing = (await runs().findMany({ where: { status: 'running', enqueueComplete: true } })) as RunRow[];
      for (const run of finishing) await runs_.settleIfFinished(run.id);
    },
  };
  return service;
};

export type Runs = ReturnType<typeof createRuns>;
