import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { createJobStore, WORKER_LOST, type JobRow, type JobStore } from '../queue/job-store';
import type { JobRequest, RequestOutcome } from '../queue/job-requests';
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
import { FILE_UID, PLUGIN_ID } from '../utils/plugin-id';
import type { Page } from '../../../shared/contracts/common';
import type { FailureView, QueueStateView } from '../../../shared/contracts/queue';
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
  /** Workers replaced by a settings change, still finishing their running jobs. */
  const retired = new Set<Worker>();
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

    /** The one job store of this process, for the services that read jobs (runs, media). */
    jobs: jobStore,

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
        maxAttempts: config.maxAttempts,
        idlePollMs: config.pollIntervalMs,
        owner,
        onError: (error) => log('error', `queue error: ${error instanceof Error ? error.name + ': ' + error.message : 'unknown'}`),
        onLost: (lost) => {
          for (const job of lost) {
            log('warn', `no alt text for file #${job.fileId}: the process working on it stopped before it finished, ${job.attempts} times (${WORKER_LOST})`);
            if (job.runId) void getService(strapi, 'runs').settleIfFinished(job.runId);
          }
        },
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

    /**
     * Shutdown: stop claiming, give calls in flight `shutdownGraceMs` to finish, then abort them;
     * an aborted job goes back in line with its attempt refunded. An abandoned call may still be
     * billed by the provider, so it is said in the log rather than lost silently.
     */
    async stop() {
      clearInterval(probeTimer);
      const stopping = [...retired, ...(worker ? [worker] : [])];
      worker = undefined;
      retired.clear();
      const graceMs = readConfig(strapi).shutdownGraceMs;
      const unfinished = (await Promise.all(stopping.map((each) => each.stop({ graceMs, abort: true })))).reduce((a, b) => a + b, 0);
      if (unfinished > 0) {
        log('warn', `shutdown: ${unfinished} provider call(s) still running after ${graceMs} ms were abandoned; their images are queued again (the provider may still bill those calls)`);
      }
    },

    /** Applies new concurrency and rate settings; running jobs finish under the old worker. */
    async restart() {
      if (!worker) return;
      const old = worker;
      worker = undefined;
      clearInterval(probeTimer);
      service.start();
      retired.add(old);
      await old.stop({ graceMs: 0, abort: false });
      void old.idle().then(() => retired.delete(old));
    },

    /** Wakes this process's worker (new work); other replicas find it on their next poll. */
    nudge() {
      worker?.nudge();
    },

    /** For tests and scripts: resolves when this process has nothing running or due. */
    idle(): Promise<void> {
      return worker?.idle() ?? Promise.resolve();
    },

    /**
     * The upload lifecycle calls this and must stay fast: one insert. An upload the rules say not to
     * send (`skipReason`) is recorded as skipped, at no cost.
     */
    async enqueueNewUpload(fileId: number, skipReason?: string) {
      if (skipReason) {
        await jobStore().recordSkippedUpload(fileId, skipReason);
        return;
      }
      await jobStore().requests.enqueueMany([{ fileId, reason: 'upload', mode: 'fill' }]);
      worker?.nudge();
    },

    /**
     * One request for one file (Regenerate, Replace): queued, folded into the job already waiting,
     * or kept as the follow-up of the job running now — never dropped, never doubled.
     */
    async request(fileId: number, request: JobRequest): Promise<RequestOutcome> {
      const outcome = await jobStore().requests.request(fileId, request);
      if (outcome !== 'follow-up') worker?.nudge();
      return outcome;
    },

    /** Queues files that have no job owing work already (the database refuses a second one); returns what it did. */
    async enqueue(fileIds: number[], options: EnqueueOptions = {}): Promise<{ enqueued: number; alreadyQueued: number }> {
      const unique = [...new Set(fileIds)];
      const enqueued = await jobStore().requests.enqueueMany(
        unique.map((fileId) => ({
          fileId,
          reason: options.reason ?? 'manual',
          mode: options.mode ?? 'fill',
          lang: options.lang ?? null,
          runId: options.runId ?? null,
        }))
      );
      if (enqueued > 0) worker?.nudge();
      return { enqueued, alreadyQueued: unique.length - enqueued };
    },

    getState(): Promise<QueueState> {
      return state().get();
    },

    /** The queue state as the admin sees it: the key hint stays on the server. */
    async stateView(): Promise<QueueStateView> {
      const { keyHint: _hidden, ...visible } = await state().get();
      return visible;
    },

    /** GET /status: queue state, coverage and the latest run. */
    async statusView() {
      const [queue, coverage, latest] = await Promise.all([service.stateView(), service.stats(), getService(strapi, 'runs').list(1)]);
      return { queue, coverage, latestRun: latest[0] ?? null };
    },

    /** GET /failures: standing failures, each with its file's name. */
    async failuresView(options: { runId?: number; page?: number; pageSize?: number }): Promise<Page<FailureView>> {
      const page = options.page ?? 1;
      const pageSize = options.pageSize ?? 20;
      const result = await service.listFailures({ runId: options.runId, page, pageSize });
      const files = (await strapi.db.query(FILE_UID).findMany({
        select: ['id', 'name'],
        where: { id: { $in: result.rows.map((row) => row.fileId) } },
      })) as Array<{ id: number; name: string }>;
      const names = new Map(files.map((file) => [file.id, file.name]));
      return {
        rows: result.rows.map((row) => ({
          jobId: row.id,
          fileId: row.fileId,
          fileName: names.get(row.fileId) ?? null,
          code: row.errorCode,
          message: row.errorMessage,
          strategy: row.strategy,
          attempts: row.attempts,
          at: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
        })),
        total: result.total,
        page,
        pageSize,
      };
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
      return jobStore().listFailed({ runId: options.runId }, options.page ?? 1, options.pageSize ?? 20);
    },

    async retryFailed(options: { runId?: number; jobIds?: number[] } = {}) {
      const count = await jobStore().retryFailed(options);
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
