/**
 * One playground Strapi in its own process (Strapi's registries are global: one app per process),
 * driven by bench/run.ts over IPC. Everything timed on the app's side (enqueue time, RSS peaks,
 * when an alt text was stored) is measured here, next to the app, not across the IPC hop.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { Worker } from 'node:worker_threads';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import { bootPlayground, type PlaygroundApp } from '../../test/harness/strapi-app';
import { pluginServices } from '../../test/support/plugin';
import { serve } from './ipc';

const FILE_UID = 'plugin::upload.file';
const RUN_UID = 'plugin::auto-alt-text.run';
const JOB_UID = 'plugin::auto-alt-text.job';

let app: PlaygroundApp | undefined;
const createdAt = new Map<number, number>();
const altAt = new Map<number, number>();
let tracking = false;

const running = (): PlaygroundApp => {
  if (!app) throw new Error('app not booted');
  return app;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const toMs = (value: unknown): number | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.getTime() : new Date(value as string | number).getTime();

/** Process CPU and event-loop busy share over a window. */
/** The main thread's time on a CPU and waiting for one (Linux schedstat, ns); undefined elsewhere. */
const schedstat = (): { onCpuNs: number; waitNs: number } | undefined => {
  try {
    const [onCpu, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { onCpuNs: onCpu, waitNs: wait };
  } catch {
    return undefined;
  }
};

/** Share of wall time some task on the machine waited for a CPU (Linux PSI), cumulative µs. */
const cpuPressureUs = (): number | undefined => {
  try {
    const match = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
};

const probe = () => {
  const sched = schedstat();
  const pressure = cpuPressureUs();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  // A 10 ms timer on the main thread: the longest gap between two ticks is the longest time an
  // HTTP request arriving then would have waited (monitorEventLoopDelay records nothing while
  // the loop never reaches its timers phase, e.g. a chain of already-resolved promises).
  let lastTick = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - lastTick);
    lastTick = now;
  }, 10);
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const wall = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    const loop: EventLoopUtilization = performance.eventLoopUtilization(elu);
    const seconds = (performance.now() - wall) / 1000;
    delay.disable();
    clearInterval(ticker);
    maxGap = Math.max(maxGap, performance.now() - lastTick);
    const schedEnd = schedstat();
    const pressureEnd = cpuPressureUs();
    return {
      /** Main thread: share of the window it was runnable but waiting for a CPU (other processes had it). */
      mainThreadRunQueueWaitShare: sched && schedEnd ? (schedEnd.waitNs - sched.waitNs) / 1e9 / seconds : null,
      mainThreadOnCpuShare: sched && schedEnd ? (schedEnd.onCpuNs - sched.onCpuNs) / 1e9 / seconds : null,
      /** Machine: share of the window in which some task waited for a CPU (PSI cpu "some"). */
      machineCpuPressureShare: pressure !== undefined && pressureEnd !== undefined ? (pressureEnd - pressure) / 1e6 / seconds : null,
      /** The longest the event loop was blocked (a request arriving then waits as long). */
      maxEventLoopDelayMs: delay.max / 1e6,
      /** Longest gap between ticks of a 10 ms main-thread timer. */
      maxTimerGapMs: maxGap,
      eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      cpuShareOfOneCore: (used.user + used.system) / 1e6 / seconds,
      eventLoopUtilization: loop.utilization,
    };
  };
};


/**
 * Samples the process's RSS every `ms` from a worker thread: a synchronous database driver
 * (better-sqlite3) can keep the main event loop busy for seconds, and a timer there would not fire.
 */
const startRssSampler = (ms: number) => {
  const shared = new Float64Array(new SharedArrayBuffer(16)); // [peak rss, samples]
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const shared = new Float64Array(workerData.buffer);
     setInterval(() => { shared[0] = Math.max(shared[0], process.memoryUsage.rss()); shared[1] += 1; }, workerData.ms);`,
    { eval: true, workerData: { buffer: shared.buffer, ms } }
  );
  return {
    ready: new Promise<void>((resolve) => worker.once('online', () => resolve())),
    reset() {
      shared[0] = process.memoryUsage.rss();
      shared[1] = 0;
    },
    read: () => ({ peak: shared[0], samples: shared[1] }),
    stop: () => worker.terminate(),
  };
};

serve({
  async boot(args) {
    app = await bootPlayground({ env: args.env as Record<string, string> });
    const knex = app.strapi.db.connection;
    return {
      url: app.url,
      apiToken: app.apiToken,
      rootPath: app.s3.rootPath,
      pid: process.pid,
      database: String(knex.client.config.client),
      pluginEnabled: Boolean(app.strapi.plugins['auto-alt-text']),
    };
  },

  /** Where the files table is and what its columns are called, for seeding from outside. */
  fileTable() {
    const { strapi } = running();
    const meta = strapi.db.metadata.get(FILE_UID);
    const attributes = meta.attributes as Record<string, { columnName?: string }>;
    const columns: Record<string, string> = {};
    for (const name of ['documentId', 'name', 'alternativeText', 'caption', 'width', 'height', 'formats', 'hash', 'ext', 'mime', 'size', 'url', 'provider', 'folderPath', 'createdAt', 'updatedAt', 'publishedAt']) {
      columns[name] = attributes[name]?.columnName ?? name;
    }
    const connection = strapi.db.connection.client.config.connection as { filename?: string; database?: string };
    return { tableName: meta.tableName, columns, hasPublishedAt: Boolean(attributes.publishedAt), database: connection.filename ?? connection.database };
  },

  /** Diagnostics only: switch the app's SQLite file to WAL (an app setting, not the plugin's). */
  async sqliteWal() {
    const knex = running().strapi.db.connection;
    const rows = (await knex.raw('PRAGMA journal_mode = WAL')) as Array<{ journal_mode: string }>;
    return rows[0]?.journal_mode;
  },

  async pause() {
    await pluginServices(running().strapi).queue.pause('MANUAL', 'bench');
  },

  async resume() {
    await pluginServices(running().strapi).queue.resume();
  },

  /** From now on, note when each file row is created and when it gets alt text. */
  trackAltText() {
    if (tracking) return;
    tracking = true;
    running().strapi.db.lifecycles.subscribe({
      models: [FILE_UID],
      afterCreate(event: { result?: { id?: number } }) {
        if (event.result?.id) createdAt.set(Number(event.result.id), Date.now());
      },
      afterUpdate(event: { result?: { id?: number; alternativeText?: string | null }; params?: { data?: Record<string, unknown> } }) {
        const id = Number(event.result?.id);
        const text = event.params?.data?.alternativeText;
        if (id && typeof text === 'string' && text.trim() !== '' && !altAt.has(id)) altAt.set(id, Date.now());
      },
    });
  },

  /** Waits until the file has alt text (or the timeout); returns when its row was created and got it. */
  async waitAltText(args) {
    const id = Number(args.id);
    const deadline = Date.now() + Number(args.timeoutMs ?? 30_000);
    while (!altAt.has(id) && Date.now() < deadline) await sleep(5);
    return { id, createdAt: createdAt.get(id) ?? null, altAt: altAt.get(id) ?? null };
  },

  altTimes(args) {
    return (args.ids as number[]).map((id) => ({ id, createdAt: createdAt.get(id) ?? null, altAt: altAt.get(id) ?? null }));
  },

  /** Resolves once this process's queue has nothing running or due. */
  async idle(args) {
    const deadline = Date.now() + Number(args.timeoutMs ?? 120_000);
    await Promise.race([pluginServices(running().strapi).queue.idle(), sleep(Math.max(0, deadline - Date.now()))]);
  },

  /**
   * A bulk run from creation to `done`, timed here. Returns the wall time, the run's counts, the
   * process's CPU and event-loop use meanwhile, and each job's finish time (for the steady rate).
   */
  async runToDone(args) {
    const { strapi } = running();
    const { runs } = pluginServices(strapi);
    const pollMs = Number(args.pollMs ?? 20);
    const deadline = Date.now() + Number(args.timeoutMs ?? 600_000);
    const queries: Record<string, number> = {};
    const onQuery = (query: { sql?: string }) => {
      const sql = (query.sql ?? '').trim().toLowerCase();
      const verb = sql.split(/\s+/)[0];
      const table = /(?:from|into|update)\s+(?:[`"]?[a-z_0-9]+[`"]?\.)?[`"]?([a-z_0-9]+)/.exec(sql)?.[1] ?? '?';
      const key = `${verb} ${table}`;
      queries[key] = (queries[key] ?? 0) + 1;
    };
    strapi.db.connection.on('query', onQuery);
    const session = args.profile ? new Session() : undefined;
    const post = (method: string, params: object = {}) =>
      new Promise<unknown>((resolve, reject) => session?.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
    if (session) {
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 1000 });
      await post('Profiler.start');
    }
    const measure = probe();
    const t0 = Date.now();
    const run = await runs.create({ scope: { kind: 'missing' } });
    let tEnqueued: number | null = null;
    let status = 'running';
    while (Date.now() < deadline) {
      const row = (await strapi.db.query(RUN_UID).findOne({ where: { id: run.id } })) as { status: string; enqueueComplete: boolean };
      if (row.enqueueComplete && tEnqueued === null) tEnqueued = Date.now();
      status = row.status;
      if (status !== 'running') break;
      await sleep(pollMs);
    }
    const tDone = Date.now();
    const usage = measure();
    strapi.db.connection.off('query', onQuery);
    if (session) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(String(args.profile), JSON.stringify(profile));
      session.disconnect();
    }
    const progress = await runs.get(run.id);
    const jobs = (await strapi.db.query(JOB_UID).findMany({ select: ['finishedAt', 'attempts', 'status'], where: { runId: run.id } })) as Array<{
      finishedAt: unknown;
      attempts: number;
      status: string;
    }>;
    return {
      runId: run.id,
      status,
      t0,
      tEnqueued,
      tDone,
      counts: progress?.counts,
      usage,
      finishedAt: jobs.map((job) => toMs(job.finishedAt)).filter((t): t is number => t !== null),
      attemptsOver1: jobs.filter((job) => job.attempts > 1).length,
      queries,
    };
  },

  /**
   * Creates a run over every file (the queue is paused first, so nothing is sent) and times the
   * enqueue until the run says it is complete, sampling this process's RSS every `sampleMs`.
   */
  async enqueueScale(args) {
    const { strapi } = running();
    const { runs, queue } = pluginServices(strapi);
    const sampleMs = Number(args.sampleMs ?? 50);
    await queue.pause('MANUAL', 'bench: measuring enqueue only');
    const sampler = startRssSampler(sampleMs);
    await sampler.ready;
    gc();
    await sleep(300);
    gc();
    await sleep(100);
    const baseline = process.memoryUsage();
    sampler.reset();
    let peakHeap = baseline.heapUsed;
    const heapSampler = setInterval(() => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }, sampleMs);
    const measure = probe();
    const t0 = performance.now();
    const run = await runs.create({ scope: { kind: 'missing' } });
    let complete = false;
    const deadline = Date.now() + Number(args.timeoutMs ?? 600_000);
    while (!complete && Date.now() < deadline) {
      await sleep(sampleMs);
      const row = (await strapi.db.query(RUN_UID).findOne({ where: { id: run.id } })) as { enqueueComplete: boolean };
      complete = Boolean(row.enqueueComplete);
    }
    const seconds = (performance.now() - t0) / 1000;
    const { peak: peakRss, samples } = sampler.read();
    clearInterval(heapSampler);
    await sampler.stop();
    const usage = measure();
    const end = process.memoryUsage();
    const queued = Number(await strapi.db.query(JOB_UID).count({ where: { runId: run.id } }));
    const mb = (bytes: number) => bytes / (1024 * 1024);
    return {
      complete,
      seconds,
      queued,
      samples,
      rssBaselineMb: mb(baseline.rss),
      rssPeakMb: mb(peakRss),
      rssGrowthMb: mb(peakRss - baseline.rss),
      rssEndMb: mb(end.rss),
      heapBaselineMb: mb(baseline.heapUsed),
      heapPeakMb: mb(peakHeap),
      heapPeakNote: 'sampled on the main thread: misses peaks while the event loop is blocked',
      usage,
    };
  },

  async queueStats() {
    return pluginServices(running().strapi).queue.stats();
  },

  async stop() {
    await app?.stop();
    app = undefined;
    setImmediate(() => process.exit(0));
  },
});
