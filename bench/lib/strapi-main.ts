/**
 * One playground Strapi in its own process (Strapi's registries are global: one app per process),
 * driven by bench/run.ts over IPC. Everything timed on the app's side (enqueue time, RSS peaks,
 * when an alt text was stored) is measured here, next to the app, not across the IPC hop.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { Worker } from 'node:worker_threads';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import { readFileConfig } from '../../server/src/config/read';
import { createContextResolver } from '../../server/src/context';
import { bootPlayground, type PlaygroundApp, type PlaygroundData } from '../../test/harness/strapi-app';
import { heading, imageBlock, paragraph } from '../../test/support/blocks';
import { solidPng } from '../../test/support/images';
import { pluginServices } from '../../test/support/plugin';
import { uploadThroughApi } from '../../test/support/upload';
import { registerSuperAdmin } from '../../test/reliability/admin';
import { CONTEXT_SHAPES, type ContextShape } from './context-shapes';
import { serve } from './ipc';
import { servingHandlers } from './serving-handlers';

const FILE_UID = 'plugin::upload.file';
const RUN_UID = 'plugin::auto-alt-text.run';
const JOB_UID = 'plugin::auto-alt-text.job';
const ARTICLE_UID = 'api::article.article';

let app: PlaygroundApp | undefined;
const createdAt = new Map<number, number>();
const altAt = new Map<number, number>();
let tracking = false;

const running = (): PlaygroundApp => {
  if (!app) throw new Error('app not booted');
  return app;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `select files`, `update auto_alt_text_jobs`, …: a statement's verb and first table. */
const statementKey = (sql: string): string => {
  const text = sql.trim().toLowerCase();
  const verb = text.split(/\s+/)[0];
  const table = /(?:from|into|update)\s+(?:[`"]?[a-z_0-9]+[`"]?\.)?[`"]?([a-z_0-9]+)/.exec(text)?.[1] ?? '?';
  return `${verb} ${table}`;
};

/**
 * Time spent per statement kind on the app's knex connection (from its `query` event to its
 * `query-response`): count, total and longest, in ms. On SQLite that time is the event loop's.
 */
const statementTimer = (knex: { on(event: string, listener: (...args: any[]) => void): unknown; off(event: string, listener: (...args: any[]) => void): unknown }) => {
  const started = new Map<string, { key: string; at: number }>();
  const byKey: Record<string, { count: number; totalMs: number; maxMs: number }> = {};
  const onQuery = (query: { sql?: string; __knexQueryUid?: string }) => {
    if (query.__knexQueryUid) started.set(query.__knexQueryUid, { key: statementKey(query.sql ?? ''), at: performance.now() });
  };
  const onResponse = (_response: unknown, query: { __knexQueryUid?: string }) => {
    const start = query.__knexQueryUid ? started.get(query.__knexQueryUid) : undefined;
    if (!start || !query.__knexQueryUid) return;
    started.delete(query.__knexQueryUid);
    const ms = performance.now() - start.at;
    const entry = (byKey[start.key] ??= { count: 0, totalMs: 0, maxMs: 0 });
    entry.count += 1;
    entry.totalMs += ms;
    entry.maxMs = Math.max(entry.maxMs, ms);
  };
  knex.on('query', onQuery);
  knex.on('query-response', onResponse);
  return () => {
    knex.off('query', onQuery);
    knex.off('query-response', onResponse);
    return Object.fromEntries(Object.entries(byKey).sort((a, b) => b[1].totalMs - a[1].totalMs));
  };
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.ceil(sorted.length / 2) - 1];
};

/** Called with a job's final status when the worker records it (see `jobSql`). */
let onJobEnd: ((status: string) => void) | undefined;
let watchingJobEnds = false;
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
  let gapsOver50 = 0;
  let gapsOver100 = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - lastTick);
    if (now - lastTick > 50) gapsOver50 += 1;
    if (now - lastTick > 100) gapsOver100 += 1;
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
      /** How often that timer waited over 50 ms and over 100 ms: one slow slice, or many. */
      timerGapsOver50Ms: gapsOver50,
      timerGapsOver100Ms: gapsOver100,
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

/** A V8 CPU profile of this process (1 ms sampling), written as a .cpuprofile when stopped. */
const startProfiler = async () => {
  const session = new Session();
  const post = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 1000 });
  await post('Profiler.start');
  return {
    async stopInto(file: string) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
};

/** A replica boots on another app's database and bucket prefix, and leaves them to that app when it stops. */
let joined = false;
/** The statements every replica sends during a replicas run (`watchStatements` … `statementsSeen`). */
let watched: { stop(): ReturnType<ReturnType<typeof statementTimer>>; cpu: NodeJS.CpuUsage; at: number } | undefined;

serve({
  async boot(args) {
    const reuse = args.reuse as PlaygroundData | undefined;
    joined = Boolean(reuse);
    app = await bootPlayground({ env: args.env as Record<string, string>, ...(reuse ? { reuse } : {}) });
    const knex = app.strapi.db.connection;
    return {
      url: app.url,
      apiToken: app.apiToken,
      rootPath: app.s3.rootPath,
      pid: process.pid,
      database: String(knex.client.config.client),
      pluginEnabled: Boolean(app.strapi.plugins['auto-alt-text']),
      data: app.data,
      owner: pluginServices(app.strapi).queue.owner,
    };
  },

  /** Replicas: from now on, time every statement this process sends, by verb and table; and its CPU. */
  watchStatements() {
    watched?.stop();
    watched = { stop: statementTimer(running().strapi.db.connection), cpu: process.cpuUsage(), at: performance.now() };
  },

  /** Replicas: what `watchStatements` saw (count, total and longest ms by verb and table) and this process's CPU share. */
  statementsSeen() {
    if (!watched) throw new Error('watchStatements first');
    const { stop, cpu, at } = watched;
    watched = undefined;
    const used = process.cpuUsage(cpu);
    return { statements: stop(), cpuShareOfOneCore: (used.user + used.system) / 1e6 / ((performance.now() - at) / 1000) };
  },

  /** Replicas: the run's finished jobs by the replica that ran them (`leaseOwner`). */
  async jobsByOwner(args) {
    const jobs = (await running().strapi.db.query(JOB_UID).findMany({ select: ['leaseOwner'], where: { runId: Number(args.runId), status: 'done' } })) as Array<{
      leaseOwner: string | null;
    }>;
    const counts: Record<string, number> = {};
    for (const job of jobs) counts[String(job.leaseOwner)] = (counts[String(job.leaseOwner)] ?? 0) + 1;
    return counts;
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
      const key = statementKey(query.sql ?? '');
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
    let polls = 0;
    while (Date.now() < deadline) {
      polls += 1;
      const row = (await strapi.db.query(RUN_UID).findOne({ where: { id: run.id } })) as { status: string; enqueueComplete: boolean };
      if (row.enqueueComplete && tEnqueued === null) tEnqueued = Date.now();
      status = row.status;
      if (status !== 'running') break;
      await sleep(pollMs);
    }
    const tDone = Date.now();
    const usage = measure();
    strapi.db.connection.off('query', onQuery);
    // The bench's own polls of the run row are not the plugin's statements.
    const pollKey = statementKey(`select * from ${strapi.db.metadata.get(RUN_UID).tableName}`);
    if (queries[pollKey] !== undefined) queries[pollKey] = Math.max(0, queries[pollKey] - polls);
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
      /** Statements by key, the bench's own polls of the run row taken out. */
      queries,
      benchPolls: polls,
    };
  },

  /** (4) The JWT of a first super admin, for timing the plugin's admin routes from the bench process. */
  adminToken() {
    return registerSuperAdmin(running());
  },

  /** (8) A run of the given scope and mode, waited for until it is no longer running. */
  async runAndWait(args) {
    const { runs } = pluginServices(running().strapi);
    const run = await runs.create({ scope: args.scope as { kind: 'all' }, mode: args.mode as 'overwrite' });
    const deadline = Date.now() + Number(args.timeoutMs ?? 300_000);
    while (Date.now() < deadline && (await runs.get(run.id))?.status === 'running') await sleep(50);
    return runs.get(run.id);
  },

  /** (8) What a run would cost now. */
  estimate(args) {
    return pluginServices(running().strapi).runs.estimate({ scope: args.scope as { kind: 'all' }, mode: args.mode as 'overwrite' });
  },

  /** (8) Images, those with alt text, and texts written from the cache (provenance `cache`). */
  async altTextCounts() {
    const { strapi } = running();
    const files = (await strapi.db.query('plugin::upload.file').findMany({ select: ['alternativeText'] })) as Array<{ alternativeText: string | null }>;
    const fromCache = await strapi.db.query('plugin::auto-alt-text.provenance').count({ where: { source: 'cache' } });
    return { total: files.length, withText: files.filter((file) => !!file.alternativeText).length, fromCache };
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
    const profiler = args.profile ? await startProfiler() : undefined;
    const statements = statementTimer(strapi.db.connection);
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
    const statementMs = statements();
    if (profiler) await profiler.stopInto(String(args.profile));
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
      statementMs,
    };
  },

  /**
   * The context phase's content: six images uploaded through the REST API (real objects in the
   * private bucket), used as an article's cover, in its repeatable `figures`, in a `media.figure`
   * of its dynamic zone, in the `media.figure` nested in a `content.feature` of that zone, as the
   * cover of five other articles, and by nothing. Entries are written with the Document Service
   * and published, as the admin would (so each has a draft row and a published row).
   */
  async contextSetup() {
    const current = running();
    const { strapi } = current;
    const files = {} as Record<ContextShape, number>;
    const rows = {} as Record<ContextShape, Record<string, unknown>>;
    // One at a time: the first upload creates the "API Uploads" folder, and concurrent ones race to.
    for (const [index, shape] of CONTEXT_SHAPES.entries()) {
      const bytes = await solidPng(120, 90, { r: 30 + index * 30, g: 120, b: 200 - index * 20 });
      const result = await uploadThroughApi(current, { bytes, name: `${shape}.png`, mime: 'image/png' });
      if (result.status !== 201) throw new Error(`upload of ${shape}.png answered ${result.status}`);
      files[shape] = result.files[0].id;
      rows[shape] = (await strapi.db.query(FILE_UID).findOne({ where: { id: files[shape] } })) as Record<string, unknown>;
    }
    const documents = strapi.documents(ARTICLE_UID);
    const article = await documents.create({
      data: {
        title: 'Blue Ridge trail',
        cover: files.cover,
        body: [
          heading('Day one'),
          paragraph('We set off from the gap at dawn.'),
          imageBlock(rows.cover),
          paragraph('The ridge opens onto the valley.'),
          heading('Day two'),
          paragraph('Fog filled the hollows below the shelter.'),
        ],
        figures: [{ image: files.figure, caption: 'Sunrise over the ridge', link: 'https://example.com/ridge' }],
        sections: [
          { __component: 'media.figure', image: files.dynamicZone, caption: 'Camp under the stars' },
          { __component: 'content.feature', heading: 'Gear', figure: { image: files.nestedInZone, caption: 'Boots drying by the fire' } },
        ],
        seo: { metaTitle: 'Hiking the Blue Ridge', metaDescription: 'Two days on the trail.', keywords: 'hiking, Appalachians, trail' },
      } as never,
    });
    await documents.publish({ documentId: article.documentId });
    for (const title of ['Shenandoah loop', 'Smoky Mountains', 'Mount Rogers', 'Roan highlands', 'Grayson highlands']) {
      const other = await documents.create({ data: { title, cover: files.fiveEntries, body: [paragraph(`A day on the ${title}.`)] } as never });
      await documents.publish({ documentId: other.documentId });
    }
    return { files };
  },

  /**
   * `forFile` as the plugin's sources build it (server/src/context, the file configuration's
   * `entryContext`): per shape, the SQL statements of each call (knex's `query` event, every
   * statement Strapi's connection sends meanwhile) and its time. One warm-up call per shape first
   * (the schema map is built once, main fields are read once a minute); shapes are interleaved.
   */
  async contextResolve(args) {
    const { strapi } = running();
    const files = args.files as Record<ContextShape, number>;
    const reps = Number(args.reps ?? 100);
    const resolver = createContextResolver(strapi, readFileConfig(strapi).entryContext);
    const found = {} as Record<ContextShape, { entries: number; more: number }>;
    for (const shape of CONTEXT_SHAPES) {
      const result = await resolver.forFile(files[shape]);
      found[shape] = { entries: result.entries.length, more: result.more };
    }
    const counts = Object.fromEntries(CONTEXT_SHAPES.map((shape) => [shape, [] as number[]])) as Record<ContextShape, number[]>;
    const micros = Object.fromEntries(CONTEXT_SHAPES.map((shape) => [shape, [] as number[]])) as Record<ContextShape, number[]>;
    const sample = {} as Record<ContextShape, string[]>;
    let current: string[] = [];
    const listener = (query: { sql?: string }) => {
      if (query.sql) current.push(query.sql);
    };
    const knex = strapi.db.connection;
    knex.on('query', listener);
    try {
      for (let rep = 0; rep < reps; rep++) {
        for (const shape of CONTEXT_SHAPES) {
          current = [];
          const t = performance.now();
          await resolver.forFile(files[shape]);
          micros[shape].push((performance.now() - t) * 1000);
          counts[shape].push(current.length);
          if (rep === 0) sample[shape] = current.map((sql) => (sql.length > 300 ? `${sql.slice(0, 300)}…` : sql));
        }
      }
    } finally {
      knex.off('query', listener);
    }
    return { reps, found, counts, micros, sample };
  },

  /**
   * One job at a time per shape, end to end: the job is enqueued (a Regenerate: `manual`,
   * `overwrite`, so every repetition writes), the worker claims it, generates with or without entry
   * context, writes the alt text and its provenance, and finishes it; then the worker looks for
   * more work once and sleeps (poll interval 60 s). Counts every statement Strapi's connection
   * sends from the enqueue until the database has been quiet for `quietMs` after the job ended;
   * the enqueue's own insert is counted apart. One uncounted warm-up job per shape first.
   */
  async jobSql(args) {
    const { strapi } = running();
    const { queue } = pluginServices(strapi);
    const files = args.files as Record<ContextShape, number>;
    const reps = Number(args.reps ?? 5);
    const quietMs = Number(args.quietMs ?? 200);
    const jobTable = strapi.db.metadata.get(JOB_UID).tableName.toLowerCase();
    if (!watchingJobEnds) {
      watchingJobEnds = true;
      strapi.db.lifecycles.subscribe({
        models: [JOB_UID],
        afterUpdateMany(event: { params?: { data?: { status?: unknown } } }) {
          const status = event.params?.data?.status;
          if (status !== 'done' && status !== 'skipped' && status !== 'failed') return;
          // A job's end is written in its write-back's transaction: it has ended once that commits.
          if (strapi.db.inTransaction()) void strapi.db.transaction(async ({ onCommit }) => onCommit(() => onJobEnd?.(String(status))));
          else onJobEnd?.(String(status));
        },
      });
    }
    await queue.idle();
    const knex = strapi.db.connection;
    const one = async (fileId: number) => {
      const statements: string[] = [];
      let untilFinish = -1;
      let lastAt = performance.now();
      const listener = (query: { sql?: string }) => {
        if (!query.sql) return;
        statements.push(query.sql);
        lastAt = performance.now();
      };
      const ended = new Promise<string>((resolve) => {
        onJobEnd = (status) => {
          untilFinish = statements.length;
          resolve(status);
        };
      });
      knex.on('query', listener);
      const t0 = performance.now();
      let status: string;
      try {
        await queue.enqueue([fileId], { reason: 'manual', mode: 'overwrite' });
        status = await Promise.race([ended, sleep(60_000).then(() => 'timeout')]);
        const tEnd = performance.now();
        while (performance.now() - lastAt < quietMs) await sleep(10);
        onJobEnd = undefined;
        const isEnqueue = (sql: string) => /^\s*insert\b/i.test(sql) && sql.toLowerCase().includes(jobTable);
        const enqueue = statements.filter(isEnqueue).length;
        return {
          status,
          ms: tEnd - t0,
          enqueue,
          total: statements.length - enqueue,
          untilFinish: untilFinish - statements.slice(0, Math.max(0, untilFinish)).filter(isEnqueue).length,
          keys: statements.filter((sql) => !isEnqueue(sql)).map(statementKey),
        };
      } finally {
        knex.off('query', listener);
      }
    };
    const inOrder: number[] = [];
    for (const shape of CONTEXT_SHAPES) inOrder.push((await one(files[shape])).ms);
    const perShape = Object.fromEntries(
      CONTEXT_SHAPES.map((shape) => [shape, [] as Array<Awaited<ReturnType<typeof one>>>])
    ) as Record<ContextShape, Array<Awaited<ReturnType<typeof one>>>>;
    for (let rep = 0; rep < reps; rep++) {
      for (const shape of CONTEXT_SHAPES) {
        const run = await one(files[shape]);
        perShape[shape].push(run);
        inOrder.push(run.ms);
      }
    }
    return {
      entryContextEnabled: readFileConfig(strapi).entryContext.enabled,
      reps,
      /** Every job's enqueue → commit of its end, ms, in the order run (warm-ups first): the parent subtracts each one's provider call. */
      msInOrder: inOrder,
      quietMs,
      shapes: Object.fromEntries(
        CONTEXT_SHAPES.map((shape) => {
          const runs = perShape[shape];
          const byStatement: Record<string, number> = {};
          for (const run of runs) for (const key of run.keys) byStatement[key] = (byStatement[key] ?? 0) + 1;
          return [
            shape,
            {
              statuses: runs.map((run) => run.status),
              total: runs.map((run) => run.total),
              untilFinish: runs.map((run) => run.untilFinish),
              enqueue: runs.map((run) => run.enqueue),
              msMedian: median(runs.map((run) => run.ms)),
              /** Statements per job by verb and table, averaged over the repetitions (most frequent first). */
              byStatement: Object.fromEntries(
                Object.entries(byStatement)
                  .sort((a, b) => b[1] - a[1])
                  .map(([key, n]) => [key, Math.round((n / runs.length) * 100) / 100])
              ),
            },
          ];
        })
      ),
    };
  },

  ...servingHandlers(running),

  async queueStats() {
    return pluginServices(running().strapi).queue.stats();
  },

  async stop() {
    await app?.stop({ keepData: joined });
    app = undefined;
    setImmediate(() => process.exit(0));
  },
});
