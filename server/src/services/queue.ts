import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Page } from '../../../shared/contracts/common';
import type { CoverageView, FailureView, LocaleCoverageView, QueueStateView } from '../../../shared/contracts/queue';
import { readConfig } from '../config/read';
import { createQueueControl } from '../queue/control';
import { createFallbackRouting } from '../queue/fallback';
import { createFallbackStateStore } from '../queue/fallback-state';
import { createFileScanner } from '../queue/file-scan';
import { createJobStore } from '../queue/job-store';
import { createRunner } from '../queue/runner';
import { createLoggedCountSnapshots, SNAPSHOT_FROM_ROWS, totalOf } from '../utils/count-snapshots';
import { FILE_UID, PLUGIN_ID } from '../utils/plugin-id';
import { getService } from './get-service';

/**
 * The queue as Strapi exposes it: one job store and one worker per process (queue/), the control
 * surface (enqueue, requests, pause, retries), and the views the admin reads.
 */
export const createQueueService = ({ strapi }: { strapi: Core.Strapi }) => {
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const store = createJobStore(strapi);
  const generation = () => getService(strapi, 'generation');
  const fallback = createFallbackRouting({
    store: createFallbackStateStore(strapi),
    fallback: () => {
      const client = generation().fallback();
      const config = readConfig(strapi).fallback;
      return client && config ? { provider: client.name, afterTransientSeconds: config.afterTransientSeconds } : null;
    },
    primary: () => readConfig(strapi),
    log: (level, message) => strapi.log[level](`[${PLUGIN_ID}] ${message}`),
  });
  const control = createQueueControl(strapi, {
    store,
    wake: () => runner.nudge(),
    getCredits: async (which) => (which === 'fallback' ? generation().fallback() : generation().provider())?.getCredits(),
    fallback,
  });
  // Coverage reads every file (and each other locale's texts), the job counts every job: on a large
  // library the admin's status is answered from snapshots recounted in the background.
  const counts = createLoggedCountSnapshots(strapi.log, PLUGIN_ID);
  const runner = createRunner(strapi, {
    store,
    owner,
    generate: (fileId, options) => generation().generateForFile(fileId, options),
    fallback,
    isPaused: control.isPaused,
    pauseQueue: control.pause,
    budget: {
      reserve: (provider) => getService(strapi, 'budget').reserve(provider),
      release: (reservation) => getService(strapi, 'budget').release(reservation),
    },
    runCredits: (runId, delta) => getService(strapi, 'runs').addCredits(runId, delta),
    settleRun: (runId) => getService(strapi, 'runs').settleIfFinished(runId),
    probeCredits: control.probeCredits,
  });

  const service = {
    ...control,
    ...runner,
    owner,
    /** The one job store of this process, for the services that read jobs (runs, media). */
    jobs: () => store,
    /** The primary's key was verified and it has credits: jobs on the fallback go back to it. */
    primaryVerified: () => fallback.primaryRecovered('its key was verified'),

    /**
     * Coverage of the library in the default locale (`alternativeText`) and in every locale the
     * plugin writes, and the jobs by status; `countedAt` says how old the older of the two counts is
     * (a large library's are snapshots, utils/count-snapshots.ts).
     */
    async stats(): Promise<CoverageView> {
      const scanner = createFileScanner(strapi);
      const set = await getService(strapi, 'locales').set();
      const others = set.all.filter((locale) => locale !== set.default);
      const countCoverage = async () => {
        // Each count reads the whole files table: on PostgreSQL and MySQL they run side by side, on
        // connections of their own (SQLite's one connection takes them in turn).
        const [coverage, missingIn] = await Promise.all([scanner.coverage(), Promise.all(others.map((locale) => scanner.missingIn(locale)))]);
        return { coverage, missingIn };
      };
      const [library, jobs] = await Promise.all([
        counts.read(`coverage:${set.all.join(',')}`, countCoverage, ({ coverage }) => coverage.images >= SNAPSHOT_FROM_ROWS),
        counts.read('jobs', () => store.countByStatus(), (byStatus) => totalOf(byStatus) >= SNAPSHOT_FROM_ROWS),
      ]);
      const { coverage, missingIn } = library.value;
      const of = (missing: number): LocaleCoverageView => ({
        withAltText: coverage.images - missing,
        missingAltText: missing,
        coveragePercent: coverage.images === 0 ? 100 : Math.floor(((coverage.images - missing) / coverage.images) * 1000) / 10,
      });
      const locales: Record<string, LocaleCoverageView> = { [set.default]: of(coverage.missing) };
      others.forEach((locale, index) => (locales[locale] = of(missingIn[index])));
      const countedAt = new Date(Math.min(library.countedAt, jobs.countedAt)).toISOString();
      return { images: coverage.images, ...of(coverage.missing), locales, jobs: jobs.value, countedAt };
    },

    /** The queue state as the admin sees it, with the fallback provider's: the key hint stays on the server. */
    async stateView(): Promise<QueueStateView> {
      const [{ keyHint: _hidden, ...visible }, fallbackView] = await Promise.all([control.getState(), fallback.view()]);
      return fallbackView ? { ...visible, fallback: fallbackView } : visible;
    },

    /** GET /status: queue state, coverage and the latest run. */
    async statusView() {
      const [queue, coverage, latest] = await Promise.all([service.stateView(), service.stats(), getService(strapi, 'runs').list(1)]);
      return { queue, coverage, latestRun: latest[0] ?? null };
    },

    listFailures: (options: { runId?: number; page?: number; pageSize?: number } = {}) =>
      store.listFailed({ runId: options.runId }, options.page ?? 1, options.pageSize ?? 20),

    /** GET /failures: standing failures, each with its file's name. */
    async failuresView(options: { runId?: number; page?: number; pageSize?: number }): Promise<Page<FailureView>> {
      const { page = 1, pageSize = 20 } = options;
      const result = await service.listFailures({ runId: options.runId, page, pageSize });
      const files = (await strapi.db.query(FILE_UID).findMany({ select: ['id', 'name'], where: { id: { $in: result.rows.map((row) => row.fileId) } } })) as Array<{ id: number; name: string }>;
      const names = new Map(files.map((file) => [file.id, file.name]));
      const rows = result.rows.map((row) => ({
        jobId: row.id,
        fileId: row.fileId,
        fileName: names.get(row.fileId) ?? null,
        code: row.errorCode,
        message: row.errorMessage,
        strategy: row.strategy,
        attempts: row.attempts,
        at: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
      }));
      return { rows, total: result.total, page, pageSize };
    },
  };
  return service;
};
