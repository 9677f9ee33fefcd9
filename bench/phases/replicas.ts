/**
 * (10) Issue 19: one bulk run worked through by 1, 2 and 3 Strapi processes on one database under
 * one cluster limit R (`limitScope: 'cluster'`, the default on PostgreSQL and MySQL), R being the binding limit (C / L =
 * 40/s > R = 20/s): the combined rate ÷ R should stay at 0.9–1.0 whatever the number of processes.
 * Then 1 and 3 processes with `limitScope: 'process'`, where each has its own R (up to N × R), the
 * lone one being the baseline that sends nothing to the limit tables. The cost of
 * sharing the limits through the database: the statements every process sends to the limit tables
 * (knex's `query` event in each process) and their time (its `query-response`), per provider call.
 * The emulator records when each call arrived (the busiest second) and the most in flight at once.
 * Images are real objects in the private bucket; file rows are inserted directly (see throughput.ts).
 */
import type { App, BenchContext, Db } from '../lib/context';
import { putObjects } from '../lib/context';
import { solidPng } from '../lib/images';
import { insertFileRows, type FileTable, type SeedObject } from '../lib/seed-rows';
import { mean, peakWindowRate, round, roundSummary, steadyRate, summarize } from '../lib/stats';
import { CONCURRENCY, LATENCY_MS, RATE_LIMIT } from './throughput';

/** The plugin's tables that hold the shared limits (server/src/models/limits.ts). */
export const LIMIT_TABLES = ['auto_alt_text_rate_state', 'auto_alt_text_send_slots', 'auto_alt_text_replicas'] as const;
export const REPLICA_COUNTS = [1, 2, 3] as const;

type StatementStats = Record<string, { count: number; totalMs: number; maxMs: number }>;

interface RunResult {
  runId: number;
  status: string;
  t0: number;
  tDone: number;
  counts: { total: number; done: number; failed: number; skipped: number } | undefined;
  finishedAt: number[];
  attemptsOver1: number;
  usage: { machineCpuPressureShare: number | null };
}

const gaps = (times: number[]): number[] => {
  const sorted = [...times].sort((x, y) => x - y);
  return sorted.slice(1).map((at, i) => at - sorted[i]);
};

const tableOfKey = (key: string) => key.split(' ')[1] ?? '';
const isLimitTable = (key: string) => (LIMIT_TABLES as readonly string[]).includes(tableOfKey(key));

/** Sums each process's statements: all of them, and those on the limit tables by verb and table. */
const combine = (seen: StatementStats[]) => {
  const limit: StatementStats = {};
  let all = 0;
  let allMs = 0;
  for (const stats of seen) {
    for (const [key, entry] of Object.entries(stats)) {
      all += entry.count;
      allMs += entry.totalMs;
      if (!isLimitTable(key)) continue;
      const sum = (limit[key] ??= { count: 0, totalMs: 0, maxMs: 0 });
      sum.count += entry.count;
      sum.totalMs += entry.totalMs;
      sum.maxMs = Math.max(sum.maxMs, entry.maxMs);
    }
  }
  const values = Object.values(limit);
  return {
    all,
    allMs,
    limit,
    limitCount: values.reduce((n, entry) => n + entry.count, 0),
    limitMs: values.reduce((n, entry) => n + entry.totalMs, 0),
  };
};

/**
 * One run of `images` new rows, created in `apps[0]` and worked through by every app in `apps`:
 * the combined rate, what the emulator saw, and every process's statements meanwhile.
 */
async function replicatedRun(ctx: BenchContext, apps: App[], objects: SeedObject[], images: number, label: string) {
  const [first] = apps;
  await insertFileRows(first.db, await first.child.call<FileTable>('fileTable'), {
    count: images,
    objects,
    namePrefix: `replicas-${label}`,
    urlBase: `${ctx.s3.endpoint}/${ctx.bucket}/${first.rootPath}/`,
  });
  await ctx.emulator.call('resetRecorder');
  await ctx.emulator.call('setFaults', { faults: { latencyMs: LATENCY_MS } });
  await Promise.all(apps.map((app) => app.child.call('watchStatements')));
  const run = await first.child.call<RunResult>('runToDone', { timeoutMs: 10 * 60_000 });
  const seen = await Promise.all(apps.map((app) => app.child.call<{ statements: StatementStats; cpuShareOfOneCore: number }>('statementsSeen')));
  const recorded = await ctx.emulator.call<{ arrivals: number[]; maxInFlight: number }>('recorded');
  const calls = await ctx.emulator.call<{ count: number; statuses: Record<string, number>; durationsMs: number[] }>('calls', { since: run.t0, until: run.tDone });
  await ctx.emulator.call('clearFaults');
  const byOwner = await first.child.call<Record<string, number>>('jobsByOwner', { runId: run.runId });

  const done = run.counts?.done ?? 0;
  const wallSeconds = (run.tDone - run.t0) / 1000;
  const achieved = done / wallSeconds;
  const providerCalls = recorded.arrivals.length;
  const statements = combine(seen.map((s) => s.statements));
  const perCall = (n: number, digits = 2) => round(n / Math.max(1, providerCalls), digits);
  return {
    replicas: apps.length,
    images,
    status: run.status,
    counts: run.counts,
    retriedJobs: run.attemptsOver1,
    wallSeconds: round(wallSeconds, 2),
    /** Images done ÷ the run's wall time, creation to `done` (its enqueue and last answer included). */
    achievedPerSecond: round(achieved, 2),
    vsR: round(achieved / RATE_LIMIT, 3),
    /** Calls started per second at the emulator between the 5th and 95th percentile of arrivals (no ramp, no tail). */
    steadyCallsPerSecond: round(steadyRate(recorded.arrivals), 2),
    steadyVsR: round(steadyRate(recorded.arrivals) / RATE_LIMIT, 3),
    /** The most calls arriving at the emulator within any one second (sliding window). */
    busiestSecond: peakWindowRate(recorded.arrivals),
    /** The most calls the emulator had in flight at once. */
    maxInFlight: recorded.maxInFlight,
    /** Calls in flight on average (Little's law: the emulator's time per call × calls ÷ wall time): how much of C the run used. */
    averageCallsInFlight: round(calls.durationsMs.reduce((sum, ms) => sum + ms, 0) / 1000 / wallSeconds, 2),
    /** Time between consecutive call arrivals at the emulator, ms (1 / R = 50). */
    arrivalGapMs: roundSummary(summarize(gaps(recorded.arrivals)), 1),
    emulator: {
      calls: providerCalls,
      /** Calls beyond one per image done (a job sent twice). */
      beyondOnePerImage: providerCalls - done,
      statuses: calls.statuses,
      serviceMsMean: round(mean(calls.durationsMs), 1),
    },
    /** Finished jobs per process, in boot order (each process's `leaseOwner`). */
    jobsPerReplica: apps.map((app) => byOwner[app.owner] ?? 0),
    coordination: {
      /** Statements on the limit tables, every process together, per provider call. */
      limitStatementsPerCall: perCall(statements.limitCount),
      /** Their summed time (`query` → `query-response` on each process's knex), ms per provider call. */
      limitMsPerCall: perCall(statements.limitMs, 3),
      /** By verb and table, per provider call. */
      limitStatementsByKind: Object.fromEntries(
        Object.entries(statements.limit)
          .sort((a, b) => b[1].count - a[1].count)
          .map(([key, entry]) => [key, { perCall: perCall(entry.count), msPerCall: perCall(entry.totalMs, 3), maxMs: round(entry.maxMs, 1) }])
      ),
      /** Every statement of every process (the bench's polls of the run row included), per provider call. */
      allStatementsPerCall: perCall(statements.all),
      allMsPerCall: perCall(statements.allMs, 2),
    },
    cpuShareOfOneCorePerReplica: seen.map((s) => round(s.cpuShareOfOneCore, 3)),
    /** Share of the run in which some task on the machine waited for a CPU (PSI): how loaded the machine was. */
    machineCpuPressureShare: run.usage.machineCpuPressureShare === null ? null : round(run.usage.machineCpuPressureShare, 3),
  };
}

type ReplicatedRun = Awaited<ReturnType<typeof replicatedRun>>;

export async function runReplicas(ctx: BenchContext, db: Db) {
  const images = ctx.quick ? 160 : 400;
  const env = (scope: 'cluster' | 'process') => ({
    ALT_TEXT_CONCURRENCY: String(CONCURRENCY),
    ALT_TEXT_REQUESTS_PER_SECOND: String(RATE_LIMIT),
    ALT_TEXT_AUTO_ON_UPLOAD: 'false',
    // Rows share objects: with the cache on most would be answered without a call (as in throughput.ts).
    ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ cache: false, limitScope: scope }),
  });
  const bodies = await Promise.all(Array.from({ length: 200 }, async (_, i) => ({ bytes: await solidPng(320, 240, i), width: 320, height: 240 })));
  const runs: Record<string, ReplicatedRun> = {};

  // Per scope: one database, a process more before each run (1, then 2, then 3). Cluster scope is
  // the measure; process scope is the contrast (each process its own R and C) and, at 1 process,
  // the baseline that sends no statement to the limit tables.
  const scaling = async (scope: 'cluster' | 'process', counts: readonly number[]) => {
    const apps: App[] = [];
    try {
      let objects: SeedObject[] = [];
      for (const n of counts) {
        while (apps.length < n) {
          const name = `replicas-${db}-${scope}-${apps.length + 1}`;
          apps.push(apps.length === 0 ? await ctx.startApp(name, db, env(scope)) : await ctx.joinApp(name, apps[0], env(scope)));
        }
        if (objects.length === 0) objects = await putObjects(ctx, apps[0].rootPath, bodies, 'replicas');
        ctx.log(`  ${n} process${n > 1 ? 'es' : ''}, limitScope ${scope}: ${images} images, R=${RATE_LIMIT}/s, C=${CONCURRENCY}, L=${LATENCY_MS} ms`);
        const run = await replicatedRun(ctx, apps, objects, images, `${scope}-${n}`);
        runs[scope === 'cluster' ? String(n) : `${n}-process`] = run;
        ctx.log(
          `    ${run.achievedPerSecond}/s = ${run.vsR} × R; busiest second ${run.busiestSecond}, most in flight ${run.maxInFlight}; ` +
            `${run.coordination.limitStatementsPerCall} limit statements (${run.coordination.limitMsPerCall} ms), ` +
            `${run.coordination.allStatementsPerCall} in all (${run.coordination.allMsPerCall} ms) per call; ` +
            `jobs per process ${run.jobsPerReplica.join('/')}; machine CPU pressure ${run.machineCpuPressureShare}`
        );
      }
    } finally {
      // Replicas first: the first app drops the database.
      for (const app of [...apps].reverse()) await app.stop();
    }
  };
  await scaling('cluster', REPLICA_COUNTS);
  await scaling('process', [1, 3]);

  const byRun = <T>(pick: (run: ReplicatedRun) => T) => Object.fromEntries(Object.entries(runs).map(([key, run]) => [key, pick(run)]));
  return {
    /** Combined rate ÷ R by number of processes ('1-process', '3-process': with per-process limits). */
    replicasVsR: byRun((run) => run.vsR),
    replicasBusiestSecond: byRun((run) => run.busiestSecond),
    replicasMaxInFlight: byRun((run) => run.maxInFlight),
    replicasLimitStatementsPerCall: byRun((run) => run.coordination.limitStatementsPerCall),
    replicasLimitMsPerCall: byRun((run) => run.coordination.limitMsPerCall),
    raw: { requestsPerSecond: RATE_LIMIT, concurrency: CONCURRENCY, latencyMs: LATENCY_MS, images, runs },
  };
}
