import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { createJobStore, type JobRow, type JobStore } from '../queue/job-store';
import { createJobHandler } from '../queue/job-handler';
import { createQueueStateStore, type PauseReason, type QueueState } from '../queue/queue-state';
import { createRateLimiter } from '../queue/rate-limiter';
import { createWorker, type Worker } from '../queue/worker';
import type { JobReason, WriteMode } from '../queue/models';
import { createFileScanner } from '../queue/file-scan';
import type { GenerationOutcome } from './generation';
import { createProvider } from '../providers';
import { getService } from '../utils/get-service';
import { keyHint } from '../utils/redact';
import { PLUGIN_ID } from '../utils/plugin-id';
import { readConfig } from '../utils/read-config';

export interface EnqueueOptions {
  reason?: JobReason;
  mode?: WriteMode;
  lang?: string | null;
  runId?: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The queue as the rest of the plugin (and the admin) sees it: enqueue, pause/resume, stats and
 * failures. Jobs are rows (see queue/job-store.ts), so they survive restarts and are shared by
 * every replica; this process's worker is one of possibly many draining them.
 */
export const createQueueService = ({ strapi }: { strapi: Core.Strapi }) => {
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let store: JobStore | undefined;
  let worker: Worker | undefined;
  let probeTimer: NodeJS.Timeout | undefined;
  const jobStore = () => (store ??= createJobStore(strapi));
  const state = () => createQueueStateStore(strapi);
  const log = (level: 'info' | 'warn' | 'error', message: string) => strapi.log[level](`[${PLUGIN_ID}] ${message}`);

  const logOutcome = (job: JobRow, outcome: GenerationOutcome, retrying: boolean) => {
    const label = `file #${job.fileId}`;
    if (outcome.status === 'written') log('info', `alt text written for ${label} (${outcome.strategy})`);
    else if (outcome.status === 'skipped') strapi.log.debug(`[${PLUGIN_ID}] ${label} skipped: ${outcome.reason}`);
    else {
      const via = outcome.strategy ? ` (via ${outcome.strategy})` : '';
      log('warn', `no alt text for ${label}${via}${retrying ? ' yet (will retry)' : ''}: ${outcome.reason}`);
    }
  };

  const service = {
    owner,

    start() {
      if (worker) return;
      const config = readConfig(strapi);
      const limiter = createRateLimiter(config.requestsPerSecond);
      const isPaused = async () => (await state().get()).paused;
      worker = createWorker({
        store: jobStore(),
        isPaused,
        concurrency: config.concurrency,
        leaseMs: config.leaseSeconds * 1000,
        idlePollMs: config.pollIntervalMs,
        owner,
        onError: (error) => log('error', `queue error: ${error instanceof Error ? error.name + ': ' + error.message : 'unknown'}`),
        handle: createJobHandler({
          store: jobStore(),
          limiter,
          policy: config,
          isPaused,
          generate: (fileId, options) => getService(strapi, 'generation').generateForFile(fileId, options),
          pauseQueue: (reason, message) => service.pause(reason, message),
          onRunJobSettled: (runId) => getService(strapi, 'runs').settleIfFinished(runId),
          logOutcome,
        }),
      });
      worker.start();
      if (config.creditsProbeSeconds > 0) {
        probeTimer = setInterval(() => void service.probeCredits(), config.creditsProbeSeconds * 1000);
        probeTimer.unref();
      }
    },

    async stop() {
      clearInterval(probeTimer);
      await worker?.stop();
      worker = undefined;
    },

    /** Applies new concurrency and rate settings; running jobs finish under the old worker. */
    async restart() {
      if (!worker) return;
      const old = worker;
      worker = undefined;
      clearInterval(probeTimer);
      service.start();
      await old.stop();
    },

    /** Wakes this process's worker (new work); other replicas find it on their next poll. */
    nudge() {
      worker?.nudge();
    },

    /** For tests and scripts: resolves when this process has nothing running or due. */
    idle(): Promise<void> {
      return worker?.idle() ?? Promise.resolve();
    },

    /** One insert, no checks: the upload lifecycle calls this and must stay fast. */
    async enqueueNewUpload(fileId: number) {
      await jobStore().insert([{ fileId, reason: 'upload', mode: 'fill' }]);
      worker?.nudge();
    },

    /** Queues files that have no job owing work already; returns what it did. */
    async enqueue(fileIds: number[], options: EnqueueOptions = {}): Promise<{ enqueued: number; alreadyQueued: number }> {
      const unique = [...new Set(fileIds)];
      const active = await jobStore().filesWithActiveJobs(unique);
      const fresh = unique.filter((id) => !active.has(id));
      await jobStore().insert(
        fresh.map((fileId) => ({
          fileId,
          reason: options.reason ?? 'manual',
          mode: options.mode ?? 'fill',
          lang: options.lang ?? null,
          runId: options.runId ?? null,
        }))
      );
      if (fresh.length > 0) worker?.nudge();
      return { enqueued: fresh.length, alreadyQueued: unique.length - fresh.length };
    },

    getState(): Promise<QueueState> {
      return state().get();
    },

    async pause(reason: PauseReason, message: string) {
      const current = await state().get();
      if (current.paused && current.reason === reason) return;
      await state().pause(reason, message, keyHint(readConfig(strapi).apiKey));
      log('warn', `queue paused (${reason}): ${message}`);
    },

    async resume() {
      await state().resume();
      log('info', 'queue resumed');
      worker?.nudge();
    },

    /**
     * While paused for lack of credits, resumes as soon as the provider reports some again. A
     * provider that reports no balance (OpenAI-compatible) is simply tried again at each probe.
     */
    async probeCredits(): Promise<boolean> {
      const current = await state().get();
      if (!current.paused || current.reason !== 'OUT_OF_CREDITS') return false;
      try {
        const credits = await createProvider(readConfig(strapi))?.getCredits();
        if (credits && (!credits.reported || credits.remaining > 0)) {
          await service.resume();
          return true;
        }
      } catch {
        // Still no answer: stay paused, try again at the next probe.
      }
      return false;
    },

    /** At boot: a key or configuration that may have changed since the pause deserves another try. */
    async resumeIfConfigChanged() {
      const current = await state().get();
      if (!current.paused) return;
      const keyChanged = current.reason === 'INVALID_KEY' && current.keyHint !== keyHint(readConfig(strapi).apiKey);
      if (keyChanged || current.reason === 'MISCONFIGURED') await service.resume();
    },

    async stats() {
      const coverage = await createFileScanner(strapi).coverage();
      const jobs = await jobStore().countByStatus();
      const withAlt = coverage.images - coverage.missing;
      return {
        images: coverage.images,
        withAltText: withAlt,
        missingAltText: coverage.missing,
        coveragePercent: coverage.images === 0 ? 100 : Math.floor((withAlt / coverage.images) * 1000) / 10,
        jobs,
      };
    },

    listFailures(options: { runId?: number; page?: number; pageSize?: number } = {}) {
      const where = options.runId ? { runId: options.runId } : {};
      return jobStore().listFailed(where, Math.max(1, options.page ?? 1), Math.min(100, Math.max(1, options.pageSize ?? 20)));
    },

    async retryFailed(options: { runId?: number; jobIds?: number[] } = {}) {
      const where: Record<string, unknown> = {};
      if (options.runId) where.runId = options.runId;
      if (options.jobIds) where.id = { $in: options.jobIds };
      const count = await jobStore().retryFailed(where);
      if (count > 0) worker?.nudge();
      return { retried: count };
    },

    async pruneFinished(): Promise<number> {
      const days = readConfig(strapi).jobRetentionDays;
      return jobStore().pruneFinished(new Date(Date.now() - days * DAY_MS));
    },
  };
  return service;
};
