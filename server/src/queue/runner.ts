import type { Core } from '@strapi/strapi';
import { readConfig } from '../config/read';
import { skippedLocalesNote, type GenerationOutcome } from '../generation/types';
import { PLUGIN_ID } from '../utils/plugin-id';
import { createWebhookAnnouncer } from '../webhooks';
import { createJobHandler, type JobHandlerDeps } from './job-handler';
import { WORKER_LOST, type JobRow } from './job-store';
import { createProviderLimits } from './limits';
import { createWorker, type Worker } from './worker';

/** What the worker needs from outside the queue: one image's generation, and the runs to settle. */
export interface RunnerDeps extends Pick<JobHandlerDeps, 'store' | 'generate' | 'isPaused' | 'pauseQueue' | 'fallback' | 'budget' | 'runCredits'> {
  owner: string;
  settleRun(runId: number): Promise<void>;
  /** Called while paused for lack of credits, every `creditsProbeSeconds`. */
  probeCredits(): Promise<unknown>;
}

/**
 * This process's worker, one of possibly many draining the shared jobs table: started at boot,
 * replaced when concurrency or rate change (its running jobs finish under the old one), and
 * stopped at shutdown — after `shutdownGraceMs`, calls still in flight are aborted and their images
 * go back in line with the attempt refunded; an abandoned call may still be billed, so it is logged.
 */
export const createRunner = (strapi: Core.Strapi, deps: RunnerDeps) => {
  let worker: Worker | undefined;
  const retired = new Set<Worker>();
  let probeTimer: NodeJS.Timeout | undefined;
  const log = (level: 'info' | 'warn' | 'error', message: string) => strapi.log[level](`[${PLUGIN_ID}] ${message}`);
  const webhooks = createWebhookAnnouncer(strapi);

  const logOutcome = (job: JobRow, outcome: GenerationOutcome, retrying: boolean) => {
    const label = `file #${job.fileId}`;
    const by = outcome.status !== 'skipped' && outcome.viaFallback ? ` by the fallback provider ${outcome.viaFallback}` : '';
    if (outcome.status === 'written') log('info', `alt text written for ${label} (${outcome.strategy})${by}${outcome.skippedLocales ? `; ${skippedLocalesNote(outcome.skippedLocales)}` : ''}`);
    else if (outcome.status === 'skipped') strapi.log.debug(`[${PLUGIN_ID}] ${label} skipped: ${outcome.reason}`);
    else log('warn', `no alt text for ${label}${outcome.strategy ? ` (via ${outcome.strategy})` : ''}${retrying ? ' yet (will retry)' : ''}: ${outcome.reason}`);
  };

  const onLost = (lost: JobRow[]) => {
    for (const job of lost) {
      log('warn', `no alt text for file #${job.fileId}: the process working on it stopped before it finished, ${job.attempts} times (${WORKER_LOST})`);
      webhooks.jobFailed(job, WORKER_LOST, job.locales);
      if (job.runId) void deps.settleRun(job.runId);
    }
  };

  const runner = {
    start() {
      if (worker) return;
      const config = readConfig(strapi);
      const limits = createProviderLimits(strapi, config, deps.owner, (error) =>
        log('warn', `shared provider limits: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`)
      );
      worker = createWorker({
        store: deps.store,
        isPaused: deps.isPaused,
        concurrency: config.concurrency,
        slots: limits.slots,
        slotPollMs: limits.slotPollMs,
        leaseMs: config.leaseSeconds * 1000,
        maxAttempts: config.maxAttempts,
        idlePollMs: config.pollIntervalMs,
        owner: deps.owner,
        onError: (error) => log('error', `queue error: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown'}`),
        onLost,
        handle: createJobHandler({
          store: deps.store,
          limiter: limits.limiter,
          policy: config,
          isPaused: deps.isPaused,
          generate: deps.generate,
          pauseQueue: deps.pauseQueue,
          budget: deps.budget,
          runCredits: deps.runCredits,
          onRunJobSettled: deps.settleRun,
          logOutcome,
          jobFailed: webhooks.jobFailed,
          fallback: deps.fallback,
        }),
      });
      worker.start();
      if (config.creditsProbeSeconds > 0) {
        probeTimer = setInterval(() => void deps.probeCredits(), config.creditsProbeSeconds * 1000);
        probeTimer.unref();
      }
    },

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
      runner.start();
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
  };
  return runner;
};

export type Runner = ReturnType<typeof createRunner>;
