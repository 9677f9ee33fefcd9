/**
 * (2) A bulk run over ≥ 2000 images against the emulator at a fixed latency L with concurrency C:
 * achieved / (C / L), and achieved / the bare-client ceiling measured just before it on the same
 * emulator settings (C loops, no Strapi); and with a rate limit R below C / L: achieved / R.
 * The emulator's L is its whole service time (its fetch and decode are inside it), so C / L is
 * reachable. The images are real objects in the private bucket (the emulator fetches each through
 * its presigned URL); file rows are inserted directly, several rows sharing one object.
 */
import os from 'node:os';
import path from 'node:path';
import type { App, BenchContext, Db } from '../lib/context';
import { putObjects } from '../lib/context';
import { performance } from 'node:perf_hooks';
import { createS3Presigner } from '../../server/src/image-source/s3-presigner';
import { solidPng } from '../lib/images';
import { insertFileRows, type FileTable } from '../lib/seed-rows';
import { mean, peakWindowRate, round, roundSummary, steadyRate, summarize } from '../lib/stats';

export const LATENCY_MS = 200;
export const CONCURRENCY = 8;
export const RATE_LIMIT = 20;

interface RunResult {
  runId: number;
  status: string;
  t0: number;
  tEnqueued: number | null;
  tDone: number;
  counts: { total: number; done: number; failed: number; skipped: number } | undefined;
  usage: {
    seconds: number;
    cpuSeconds: number;
    cpuShareOfOneCore: number;
    eventLoopUtilization: number;
    maxEventLoopDelayMs: number;
    maxTimerGapMs: number;
    mainThreadRunQueueWaitShare: number | null;
    mainThreadOnCpuShare: number | null;
    machineCpuPressureShare: number | null;
  };
  queries: Record<string, number>;
  finishedAt: number[];
  attemptsOver1: number;
}

/** Gaps between consecutive call starts (each call's end minus its duration). */
const sendSpacing = (endedAt: number[], durationsMs: number[]): number[] => {
  const starts = endedAt.map((at, i) => at - durationsMs[i]).sort((a, b) => a - b);
  return starts.slice(1).map((start, i) => start - starts[i]);
};

async function bulkRun(ctx: BenchContext, db: Db, name: string, images: number, rps: number, options: { wal?: boolean } = {}) {
  const app: App = await ctx.startApp(name, db, {
    ALT_TEXT_CONCURRENCY: String(CONCURRENCY),
    ALT_TEXT_REQUESTS_PER_SECOND: String(rps),
    ALT_TEXT_AUTO_ON_UPLOAD: 'false',
    // Rows share objects here: with the cache on, most of them would be answered without a call. This measures the call path.
    ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ cache: false }),
  });
  try {
    const journal = options.wal ? await app.child.call<string>('sqliteWal') : db === 'sqlite' ? 'delete (Strapi default)' : undefined;
    const distinct = Math.min(200, images);
    const bodies = await Promise.all(
      Array.from({ length: distinct }, async (_, i) => ({ bytes: await solidPng(320, 240, i), width: 320, height: 240 }))
    );
    const objects = await putObjects(ctx, app.rootPath, bodies, 'tp');
    await insertFileRows(db, await app.child.call<FileTable>('fileTable'), {
      count: images,
      objects,
      namePrefix: 'bulk',
      urlBase: `${ctx.s3.endpoint}/${ctx.bucket}/${app.rootPath}/`,
    });
    await ctx.emulator.call('setFaults', { faults: { latencyMs: LATENCY_MS } });
    const emulatorCpu0 = await ctx.emulator.call<{ user: number; system: number }>('cpu');
    const profile = ctx.profile ? path.join(ctx.logDir, `${name}.cpuprofile`) : undefined;
    const run = await app.child.call<RunResult>('runToDone', { timeoutMs: 15 * 60_000, profile });
    if (profile) ctx.log(`    CPU profile of the Strapi process: ${profile}`);
    const emulatorCpu1 = await ctx.emulator.call<{ user: number; system: number }>('cpu');
    const calls = await ctx.emulator.call<{ count: number; statuses: Record<string, number>; durationsMs: number[]; at: number[] }>('calls', {
      since: run.t0,
      until: run.tDone,
    });
    await ctx.emulator.call('clearFaults');

    const done = run.counts?.done ?? 0;
    const wallSeconds = (run.tDone - run.t0) / 1000;
    const achieved = done / wallSeconds;
    const service = summarize(calls.durationsMs);
    // Little's law: calls in flight at the emulator on average = rate × time per call.
    const busySlots = calls.durationsMs.reduce((sum, ms) => sum + ms, 0) / 1000 / wallSeconds;
    const perCallMs = mean(calls.durationsMs);
    return {
      images,
      concurrency: CONCURRENCY,
      latencyMs: LATENCY_MS,
      requestsPerSecond: rps,
      ...(journal ? { sqliteJournalMode: journal } : {}),
      status: run.status,
      counts: run.counts,
      retriedJobs: run.attemptsOver1,
      wallSeconds: round(wallSeconds, 2),
      enqueueSeconds: run.tEnqueued ? round((run.tEnqueued - run.t0) / 1000, 2) : null,
      achievedPerSecond: round(achieved, 2),
      steadyPerSecond: round(steadyRate(run.finishedAt), 2),
      peakOneSecondWindow: peakWindowRate(calls.at),
      /** Time between consecutive provider calls starting (the rate limiter spaces them 1/R apart). */
      sendSpacingMs: roundSummary(summarize(sendSpacing(calls.at, calls.durationsMs)), 1),
      emulator: {
        calls: calls.count,
        statuses: calls.statuses,
        serviceMs: roundSummary(service, 1),
        cpuShareOfOneCore: round((emulatorCpu1.user + emulatorCpu1.system - emulatorCpu0.user - emulatorCpu0.system) / 1e6 / wallSeconds, 3),
      },
      averageCallsInFlight: round(busySlots, 2),
      /** Time per job outside the provider call: the slot's cycle minus the call itself. */
      overheadPerJobMs: round((CONCURRENCY / achieved) * 1000 - perCallMs, 1),
      strapi: {
        cpuMsPerImage: round((run.usage.cpuSeconds * 1000) / Math.max(1, done), 2),
        cpuShareOfOneCore: round(run.usage.cpuShareOfOneCore, 3),
        eventLoopUtilization: round(run.usage.eventLoopUtilization, 3),
        maxEventLoopDelayMs: round(run.usage.maxEventLoopDelayMs, 1),
        maxTimerGapMs: round(run.usage.maxTimerGapMs, 1),
        mainThreadOnCpuShare: run.usage.mainThreadOnCpuShare === null ? null : round(run.usage.mainThreadOnCpuShare, 3),
        mainThreadRunQueueWaitShare: run.usage.mainThreadRunQueueWaitShare === null ? null : round(run.usage.mainThreadRunQueueWaitShare, 3),
        /** SQL statements per image, all of them (the bench's polls of the run row left out). */
        statementsPerImage: round(Object.values(run.queries).reduce((sum, n) => sum + n, 0) / Math.max(1, done), 2),
        /** SQL statements per image, by verb and table (most frequent first). */
        queriesPerImage: Object.fromEntries(
          Object.entries(run.queries)
            .sort((a, b) => b[1] - a[1])
            .map(([key, n]) => [key, round(n / Math.max(1, done), 2)])
        ),
      },
      machine: {
        /** Share of the run in which some task on the machine waited for a CPU (PSI). */
        cpuPressureShare: run.usage.machineCpuPressureShare === null ? null : round(run.usage.machineCpuPressureShare, 3),
        loadAverage: os.loadavg().map((v) => round(v, 2)),
      },
    };
  } finally {
    await app.stop();
  }
}

/**
 * The harness's own ceiling, no Strapi involved: C loops call the emulator directly, each with a
 * fresh presigned URL to a tiny PNG in the private bucket, at latency L. What this reaches is the
 * most any plugin could get out of this emulator, bucket and machine.
 */
export async function harnessCeiling(ctx: BenchContext) {
  const calls = ctx.quick ? 160 : 480;
  const bodies = await Promise.all(Array.from({ length: 20 }, async (_, i) => ({ bytes: await solidPng(320, 240, i), width: 320, height: 240 })));
  const objects = await putObjects(ctx, 'ceiling', bodies, 'ceiling');
  const presigner = createS3Presigner({
    rootPath: 'ceiling',
    s3Options: {
      endpoint: ctx.s3.endpoint,
      region: ctx.s3.region,
      forcePathStyle: true,
      credentials: { accessKeyId: ctx.s3.accessKeyId, secretAccessKey: ctx.s3.secretAccessKey },
      params: { Bucket: ctx.bucket, ACL: 'private' },
    },
  });
  if (!presigner) throw new Error('no presigner');
  // What one presigned GET of such an object costs on its own (the emulator does one per call).
  const gets: number[] = [];
  for (let i = 0; i < 50; i++) {
    const url = await presigner.presign({ ...objects[i % objects.length], url: '' }, 60);
    const t = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    gets.push(performance.now() - t);
  }
  await ctx.emulator.call('setFaults', { faults: { latencyMs: LATENCY_MS } });
  let next = 0;
  let failed = 0;
  const t0 = Date.now();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < calls; i = next++) {
        const object = objects[i % objects.length];
        const imageUrl = await presigner.presign({ ...object, url: '' }, 60);
        const response = await fetch(`${ctx.emulatorBaseUrl}/alt-text/generate`, {
          method: 'POST',
          headers: { 'x-api-key': ctx.apiKey, 'content-type': 'application/json' },
          body: JSON.stringify({ imageUrl, lang: 'en', style: 'neutral' }),
        });
        await response.json();
        if (response.status !== 200) failed += 1;
      }
    })
  );
  const seconds = (performance.now() - started) / 1000;
  const emulatorCalls = await ctx.emulator.call<{ durationsMs: number[] }>('calls', { since: t0 });
  await ctx.emulator.call('clearFaults');
  const rate = calls / seconds;
  return {
    calls,
    failed,
    perSecond: round(rate, 2),
    vsIdeal: round(rate / (CONCURRENCY / (LATENCY_MS / 1000)), 3),
    emulatorServiceMs: roundSummary(summarize(emulatorCalls.durationsMs), 1),
    presignedGetOfOneObjectMs: roundSummary(summarize(gets), 1),
  };
}

export async function runThroughput(ctx: BenchContext, db: Db) {
  const images = ctx.quick ? 400 : 2000;
  const ideal = CONCURRENCY / (LATENCY_MS / 1000);
  // The ceiling right before the plugin's run, so both see about the same machine.
  ctx.log(`  the bare-client ceiling: C=${CONCURRENCY} loops straight at the emulator, no Strapi`);
  const ceiling = await harnessCeiling(ctx);
  ctx.log(`    ${ceiling.perSecond}/s (${ceiling.vsIdeal} of C/L)`);
  ctx.log(`  unlimited: ${images} images, C=${CONCURRENCY}, L=${LATENCY_MS} ms (ideal ${ideal}/s)`);
  const unlimited = await bulkRun(ctx, db, `throughput-${db}`, images, 0);
  const vsCeiling = round(unlimited.achievedPerSecond / ceiling.perSecond, 3);
  ctx.log(`    achieved ${unlimited.achievedPerSecond}/s (${round(unlimited.achievedPerSecond / ideal, 3)} of ideal, ${vsCeiling} of the ceiling)`);
  ctx.log(`  rate limited: ${images} images, R=${RATE_LIMIT}/s`);
  const limited = await bulkRun(ctx, db, `throughput-${db}-rate-limited`, images, RATE_LIMIT);
  ctx.log(`    achieved ${limited.achievedPerSecond}/s (${round(limited.achievedPerSecond / RATE_LIMIT, 3)} of R)`);
  // Diagnostics: the same unlimited run on SQLite in WAL mode (an app setting), to show what the
  // default rollback journal's per-commit fsync costs a single-threaded Node process.
  let sqliteWal: Awaited<ReturnType<typeof bulkRun>> | undefined;
  if (db === 'sqlite') {
    ctx.log(`  diagnostics: unlimited again with the SQLite file in WAL mode`);
    sqliteWal = await bulkRun(ctx, db, `throughput-${db}-wal`, images, 0, { wal: true });
    ctx.log(`    achieved ${sqliteWal.achievedPerSecond}/s (${round(sqliteWal.achievedPerSecond / ideal, 3)} of ideal)`);
  }
  return {
    throughputVsIdeal: round(unlimited.achievedPerSecond / ideal, 3),
    throughputVsCeiling: vsCeiling,
    rateLimitedVsR: round(limited.achievedPerSecond / RATE_LIMIT, 3),
    bulkSqlPerImage: unlimited.strapi.statementsPerImage,
    raw: {
      idealPerSecond: ideal,
      harnessCeiling: ceiling,
      /** Achieved against what the emulator really took per call (L, or its work when that overran L). */
      vsEmulatorServiceTime: round(unlimited.achievedPerSecond / (CONCURRENCY / (mean([unlimited.emulator.serviceMs.mean]) / 1000)), 3),
      unlimited,
      rateLimited: limited,
      ...(sqliteWal ? { diagnosticSqliteWal: { ...sqliteWal, vsIdeal: round(sqliteWal.achievedPerSecond / ideal, 3) } } : {}),
    },
  };
}
