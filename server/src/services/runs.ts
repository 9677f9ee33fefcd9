import type { Core } from '@strapi/strapi';
import { createFileScanner, skipReason, type RunScope } from '../queue/file-scan';
import { RUN_UID, type RunStatus, type WriteMode } from '../queue/models';
import { getService } from '../utils/get-service';
import { PLUGIN_ID } from '../utils/plugin-id';
import { readConfig } from '../utils/read-config';

export interface RunRow {
  id: number;
  scope: RunScope;
  mode: WriteMode;
  lang: string | null;
  status: RunStatus;
  cursor: number;
  enqueueComplete: boolean;
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
  createdBy?: string;
}

const PAGE_SIZE = 500;
const ENQUEUE_LEASE_MS = 60_000;

/**
 * SQLite's driver is synchronous: without a turn of the event loop between pages, a run over
 * 100 000 files held the whole process, HTTP server included, for ~8 s (measured by the bench).
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const addCounts = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [reason, count] of Object.entries(from)) into[reason] = (into[reason] ?? 0) + count;
  return into;
};

/**
 * Bulk runs: a row with a scope, a mode and a cursor. Its files are enqueued page by page (one page
 * in memory at a time, resumable from the cursor after a restart), de-duplicated against jobs
 * already owing work for the same file. Progress is counted from the jobs themselves, so it is
 * right whichever replica did the work.
 */
export const createRunsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const runs = () => strapi.db.query(RUN_UID);
  const jobs = () => getService(strapi, 'queue').jobs();
  const scanner = () => createFileScanner(strapi);
  const active = new Set<number>();

  const classifyPage = async (scope: RunScope, mode: WriteMode, afterId: number) => {
    const page = await scanner().page(scope, afterId, PAGE_SIZE);
    const { maxImageMegabytes } = readConfig(strapi);
    const sendable: number[] = [];
    const skipped: Record<string, number> = {};
    for (const file of page) {
      const reason = skipReason(file, { mode, maxImageMegabytes });
      // In the `missing` scope, files that have alt text are out of scope, not skips.
      if (reason === 'already has alt text' && scope.kind === 'missing') continue;
      if (reason) skipped[reason] = (skipped[reason] ?? 0) + 1;
      else sendable.push(file.id);
    }
    return { sendable, skipped, lastId: page.length > 0 ? page[page.length - 1].id : undefined, full: page.length === PAGE_SIZE };
  };

  const service = {
    /** How many images a run would send (= credits at one per image), before anything is spent. */
    async estimate(request: Pick<RunRequest, 'scope' | 'mode'>) {
      const mode = request.mode ?? 'fill';
      let images = 0;
      let alreadyQueued = 0;
      const skipped: Record<string, number> = {};
      for (let cursor = 0; ; ) {
        const page = await classifyPage(request.scope, mode, cursor);
        const queued = await jobs().filesWithActiveJobs(page.sendable);
        images += page.sendable.length - queued.size;
        alreadyQueued += queued.size;
        addCounts(skipped, page.skipped);
        if (!page.full || page.lastId === undefined) break;
        cursor = page.lastId;
        await yieldToEventLoop();
      }
      return { images, credits: images, alreadyQueued, skipped };
    },

    async create(request: RunRequest): Promise<RunRow> {
      const now = new Date();
      const run = (await runs().create({
        data: {
          scope: request.scope,
          mode: request.mode ?? 'fill',
          lang: request.lang ?? null,
          status: 'running',
          cursor: 0,
          enqueueComplete: false,
          skippedAtEnqueue: {},
          createdBy: request.createdBy ?? null,
          createdAt: now,
          updatedAt: now,
        },
      })) as RunRow;
      void service.continueEnqueue(run.id);
      return run;
    },

    /**
     * Enqueues the rest of a run from its cursor. Guarded by a lease on the run row so that only
     * one replica enqueues a run, and a run whose enqueuer died is continued by the next boot.
     */
    async continueEnqueue(runId: number): Promise<void> {
      if (active.has(runId)) return;
      active.add(runId);
      const owner = getService(strapi, 'queue').owner;
      try {
        const now = new Date();
        const { count } = await runs().updateMany({
          where: {
            id: runId,
            status: 'running',
            enqueueComplete: false,
            $or: [{ enqueueLeaseUntil: null }, { enqueueLeaseUntil: { $lt: now } }, { enqueueOwner: owner }],
          },
          data: { enqueueOwner: owner, enqueueLeaseUntil: new Date(now.getTime() + ENQUEUE_LEASE_MS) },
        });
        if (count !== 1) return;

        for (;;) {
          const run = (await runs().findOne({ where: { id: runId } })) as RunRow | null;
          if (!run || run.status !== 'running') return;
          const page = await classifyPage(run.scope, run.mode, run.cursor);
          const queue = getService(strapi, 'queue');
          const { alreadyQueued } = await queue.enqueue(page.sendable, { reason: 'run', mode: run.mode, lang: run.lang, runId });
          const skipped = addCounts({ ...(run.skippedAtEnqueue ?? {}) }, page.skipped);
          if (alreadyQueued > 0) skipped['already queued'] = (skipped['already queued'] ?? 0) + alreadyQueued;
          const done = !page.full || page.lastId === undefined;
          await runs().update({
            where: { id: runId },
            data: {
              cursor: page.lastId ?? run.cursor,
              skippedAtEnqueue: skipped,
              enqueueComplete: done,
              enqueueLeaseUntil: new Date(Date.now() + ENQUEUE_LEASE_MS),
              updatedAt: new Date(),
            },
          });
          if (done) {
            await service.settleIfFinished(runId);
            return;
          }
          await yieldToEventLoop();
        }
      } catch (error) {
        strapi.log.error(`[${PLUGIN_ID}] run #${runId}: enqueueing stopped: ${error instanceof Error ? error.message : 'unknown error'}`);
      } finally {
        active.delete(runId);
      }
    },

    /** Marks a run done once it is fully enqueued and none of its jobs owes work. */
    async settleIfFinished(runId: number): Promise<void> {
      const run = (await runs().findOne({ where: { id: runId } })) as RunRow | null;
      if (!run || run.status !== 'running' || !run.enqueueComplete) return;
      // Called after every job of a run: one count, not one per status.
      if ((await jobs().countOwingWork(runId)) > 0) return;
      await runs().updateMany({ where: { id: runId, status: 'running' }, data: { status: 'done', finishedAt: new Date(), updatedAt: new Date() } });
    },

    async pause(runId: number) {
      const { count } = await runs().updateMany({ where: { id: runId, status: 'running' }, data: { status: 'paused', updatedAt: new Date() } });
      if (count === 1) await jobs().pauseRunJobs(runId);
      return service.get(runId);
    },

    async resume(runId: number) {
      const { count } = await runs().updateMany({ where: { id: runId, status: 'paused' }, data: { status: 'running', updatedAt: new Date() } });
      if (count === 1) {
        await jobs().resumeRunJobs(runId);
        getService(strapi, 'queue').nudge();
        void service.continueEnqueue(runId);
      }
      return service.get(runId);
    },

    async cancel(runId: number) {
      const { count } = await runs().updateMany({
        where: { id: runId, status: { $in: ['running', 'paused'] } },
        data: { status: 'cancelled', finishedAt: new Date(), updatedAt: new Date() },
      });
      if (count === 1) await jobs().cancelRunJobs(runId);
      return service.get(runId);
    },

    async retryFailed(runId: number) {
      const result = await getService(strapi, 'queue').retryFailed({ runId });
      if (result.retried > 0) {
        await runs().updateMany({ where: { id: runId, status: 'done' }, data: { status: 'running', finishedAt: null, updatedAt: new Date() } });
      }
      return result;
    },

    async get(runId: number) {
      const run = (await runs().findOne({ where: { id: runId } })) as RunRow | null;
      if (!run) return null;
      const counts = await jobs().countByStatus({ runId });
      const skippedAtEnqueue = run.skippedAtEnqueue ?? {};
      const skippedBeforeQueue = Object.values(skippedAtEnqueue).reduce((sum, n) => sum + n, 0);
      const queued = Object.values(counts).reduce((sum, n) => sum + n, 0);
      const finished = counts.done + counts.skipped + counts.failed + counts.cancelled;
      return {
        id: run.id,
        scope: run.scope,
        mode: run.mode,
        lang: run.lang,
        status: run.status,
        enqueueComplete: !!run.enqueueComplete,
        createdAt: run.createdAt,
        finishedAt: run.finishedAt,
        counts: {
          total: queued + skippedBeforeQueue,
          queued,
          done: counts.done,
          skipped: counts.skipped + skippedBeforeQueue,
          failed: counts.failed,
          pending: counts.pending + counts.paused,
          running: counts.running,
          cancelled: counts.cancelled,
        },
        skippedReasons: skippedAtEnqueue,
        /** Share of the run's files that reached an end; 100 only once enqueueing is complete. */
        progressPercent:
          queued + skippedBeforeQueue === 0
            ? run.enqueueComplete
              ? 100
              : 0
            : Math.floor(((finished + skippedBeforeQueue) / (queued + skippedBeforeQueue)) * (run.enqueueComplete ? 100 : 99)),
      };
    },

    async list(limit = 10) {
      const rows = (await runs().findMany({ orderBy: [{ id: 'desc' }], limit })) as RunRow[];
      return Promise.all(rows.map((row) => service.get(row.id)));
    },

    /** At boot: runs whose enqueuer stopped (restart, crash) carry on from their cursor. */
    async continueInterrupted() {
      const open = (await runs().findMany({ where: { status: 'running', enqueueComplete: false } })) as RunRow[];
      for (const run of open) void service.continueEnqueue(run.id);
      const finishing = (await runs().findMany({ where: { status: 'running', enqueueComplete: true } })) as RunRow[];
      for (const run of finishing) await service.settleIfFinished(run.id);
    },
  };
  return service;
};
