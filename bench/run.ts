/**
 * `npm run bench`: measures what users feel, as ratios inside one run (these machines are noisy).
 * Reports; asserts nothing. Writes bench/results.json and bench/results.md.
 *
 *   npm run bench                       everything, on SQLite, PostgreSQL and MariaDB (`mysql`)
 *   npm run bench -- --quick            smaller counts, to try the harness (results.partial.*)
 *   npm run bench -- --only=pieces,scale,throughput,uploads,context,serving,cost,replicas   some phases (results.partial.*)
 *   npm run bench -- --only=throughput --db=sqlite,mysql --quick    some databases (results.partial.*)
 *   npm run bench -- --profile          a V8 CPU profile of the Strapi process for each bulk run
 *
 * --db picks the databases of every database phase (scale, throughput, context, serving, cost, replicas;
 * default sqlite,postgres,mysql); uploads run on SQLite and pieces on none.
 * Needs the plugin built (`npm run build`: the playground loads dist/), radosgw installed
 * (apt-get install radosgw ceph-mon ceph-osd), PostgreSQL on 127.0.0.1:5432 (trust auth) and
 * MariaDB on 127.0.0.1:3306 (root, no password).
 */
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalS3 } from '../test/harness/s3';
import { s3ClientFor } from '../test/harness/s3';
import { DBS, makeJoinApp, makeStartApp, mysqlVersion, postgresVersion, type BenchContext, type Db } from './lib/context';
import { forkChild } from './lib/ipc';
import { machineInfo, versions } from './lib/machine';
import { CONTEXT_STATEMENTS_BOUND, renderMarkdown, THROUGHPUT_TARGETS } from './lib/report';
import { SERVING_TARGETS } from './lib/report-serving';
import { runContext } from './phases/context';
import { runCost } from './phases/cost';
import { runPieces } from './phases/pieces';
import { runReplicas } from './phases/replicas';
import { runScale, scaleSize } from './phases/scale';
import { runServing } from './phases/serving';
import { CONCURRENCY, RATE_LIMIT, runThroughput } from './phases/throughput';
import { runUploads } from './phases/uploads';

const ROOT = path.resolve(__dirname, '..');
const PHASES = ['pieces', 'scale', 'throughput', 'uploads', 'context', 'serving', 'cost', 'replicas'] as const;
type Phase = (typeof PHASES)[number];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const onlyArg = args.find((arg) => arg.startsWith('--only='));
const only = onlyArg ? (onlyArg.slice('--only='.length).split(',') as Phase[]) : [...PHASES];
const dbsArg = args.find((arg) => arg.startsWith('--db='));
const dbs = (dbsArg ? dbsArg.slice('--db='.length).split(',') : [...DBS]) as Db[];
// A full run covers every phase on SQLite, PostgreSQL and MariaDB (`mysql`); anything less is partial.
const partial = quick || only.length !== PHASES.length || DBS.some((db) => !dbs.includes(db));

const startedAt = Date.now();
const stamp = () => `[${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s]`;
const log = (line: string) => console.log(`${stamp()} ${line}`);

async function main() {
  for (const phase of only) if (!PHASES.includes(phase)) throw new Error(`unknown phase ${phase} (${PHASES.join(', ')})`);
  for (const db of dbs) if (!DBS.includes(db)) throw new Error(`unknown database ${db} (${DBS.join(', ')})`);
  const built = path.join(ROOT, 'dist/server/index.js');
  if (!existsSync(built)) throw new Error('The plugin is not built (dist/server/index.js missing): run `npm run build` first.');
  // Every app this run boots loads dist/: a rebuild in the middle would mix two plugin versions.
  const distBuiltAt = statSync(built).mtime.toISOString();

  const logDir = mkdtempSync(path.join(os.tmpdir(), 'alt-text-bench-'));
  log(`logs in ${logDir}`);
  const cleanups = new Set<() => Promise<void>>();
  const results: Record<string, unknown> = {};
  const raw: Record<string, unknown> = {};
  let ctx: BenchContext | undefined;
  const stopAll = async () => {
    for (const cleanup of [...cleanups].reverse()) await cleanup().catch((error) => log(`cleanup: ${String(error)}`));
    cleanups.clear();
  };
  process.once('SIGINT', () => {
    log('interrupted: stopping everything this run started');
    void stopAll().then(() => process.exit(130));
  });

  try {
    log('starting radosgw (private bucket) and the provider emulator');
    const s3 = await startLocalS3({ allowFallback: process.env.CI !== 'true', log: (line) => log(`  ${line}`) });
    cleanups.add(() => s3.stop());
    const bucket = 'alt-text-bench';
    await s3.createBucket(bucket);
    const s3Client = s3ClientFor(s3);
    cleanups.add(async () => s3Client.destroy());

    const emulator = forkChild(path.join(__dirname, 'lib/emulator-main.ts'), { env: {}, logFile: path.join(logDir, 'emulator.log') });
    cleanups.add(() => emulator.stop());
    const apiKey = 'bench-key';
    const { baseUrls } = await emulator.call<{ baseUrls: { alttextlab: string } }>('start', { key: apiKey, credits: 10_000_000 });

    const base = { s3, s3Client, bucket, emulator, emulatorBaseUrl: baseUrls.alttextlab, apiKey, logDir, quick, profile, log, cleanups };
    ctx = { ...base, startApp: makeStartApp(base), joinApp: makeJoinApp(base) };
    const pg = dbs.includes('postgres') ? await postgresVersion() : null;
    const mariadb = dbs.includes('mysql') ? await mysqlVersion() : null;

    if (only.includes('pieces')) {
      log('(5) cost of the pieces');
      const pieces = await runPieces(ctx);
      const { raw: piecesRaw, ...headline } = pieces;
      Object.assign(results, headline);
      raw.pieces = piecesRaw;
    }
    if (only.includes('scale')) {
      // Keys name the size measured: enqueue1m… in a full run, enqueue100k… under --quick.
      const { rows, label } = scaleSize(quick);
      const enqueueSeconds: Record<string, number> = {};
      const rss: Record<string, number> = {};
      const block: Record<string, number> = {};
      const adminP50: Record<string, Record<string, number>> = {};
      const adminP95: Record<string, Record<string, number>> = {};
      const adminFirst: Record<string, Record<string, number>> = {};
      const scaleRaw: Record<string, unknown> = {};
      for (const db of dbs) {
        log(`(4) run over ${rows.toLocaleString('en')} rows on ${db}`);
        const scale = await runScale(ctx, db);
        enqueueSeconds[db] = scale.enqueueSeconds;
        rss[db] = scale.enqueueRssMb;
        block[db] = scale.enqueueEventLoopBlockMs;
        adminP50[db] = scale.adminRoutesP50Ms;
        adminP95[db] = scale.adminRoutesP95Ms;
        adminFirst[db] = scale.adminRoutesFirstMs;
        scaleRaw[db] = scale.raw;
      }
      results[`enqueue${label}Seconds`] = enqueueSeconds;
      results[`enqueue${label}RssMb`] = rss;
      results[`enqueue${label}EventLoopBlockMs`] = block;
      results[`adminRoutes${label}P50Ms`] = adminP50;
      results[`adminRoutes${label}P95Ms`] = adminP95;
      results[`adminRoutes${label}FirstMs`] = adminFirst;
      raw.scale = scaleRaw;
    }
    if (only.includes('throughput')) {
      const vsIdeal: Record<string, number> = {};
      const vsCeiling: Record<string, number> = {};
      const vsR: Record<string, number> = {};
      const bulkSql: Record<string, number> = {};
      const tpRaw: Record<string, unknown> = {};
      for (const db of dbs) {
        log(`(2) bulk throughput on ${db}`);
        const tp = await runThroughput(ctx, db);
        vsIdeal[db] = tp.throughputVsIdeal;
        vsCeiling[db] = tp.throughputVsCeiling;
        vsR[db] = tp.rateLimitedVsR;
        bulkSql[db] = tp.bulkSqlPerImage;
        tpRaw[db] = tp.raw;
      }
      results.bulkSqlPerImage = bulkSql;
      results.throughputVsIdeal = vsIdeal;
      results.throughputVsCeiling = vsCeiling;
      results.rateLimitedVsR = vsR;
      raw.throughput = tpRaw;
    }
    if (only.includes('uploads')) {
      log('(1) upload overhead and (3) pickup latency, on sqlite');
      const uploads = await runUploads(ctx);
      results.uploadOverheadRatio = { sqlite: uploads.uploadOverheadRatio };
      results.pickupP50Ms = { sqlite: uploads.pickupP50Ms };
      results.pickupP95Ms = { sqlite: uploads.pickupP95Ms };
      raw.uploads = uploads.raw.upload;
      raw.pickup = uploads.raw.pickup;
    }
    if (only.includes('cost')) {
      const perUnique: Record<string, number> = {};
      const repeat: Record<string, number> = {};
      const costRaw: Record<string, unknown> = {};
      for (const db of dbs) {
        log(`(8) credits per unique image, 30 % duplicate bytes, on ${db}`);
        const cost = await runCost(ctx, db);
        perUnique[db] = cost.creditsPerUniqueImage;
        repeat[db] = cost.overwriteRunRepeatCalls;
        costRaw[db] = cost.raw;
      }
      results.creditsPerUniqueImage = perUnique;
      results.overwriteRunRepeatCalls = repeat;
      raw.cost = costRaw;
    }
    if (only.includes('context')) {
      const queries: Record<string, unknown> = {};
      const jobs: Record<string, unknown> = {};
      const bookkeeping: Record<string, number> = {};
      const contextRaw: Record<string, unknown> = {};
      for (const db of dbs) {
        log(`(6) entry context per image on ${db}`);
        const context = await runContext(ctx, db);
        queries[db] = context.contextQueriesPerImage;
        jobs[db] = context.jobSqlPerImage;
        bookkeeping[db] = context.bookkeepingMsP50;
        contextRaw[db] = context.raw;
      }
      results.bookkeepingMsP50 = bookkeeping;
      results.contextQueriesPerImage = queries;
      results.jobSqlPerImage = jobs;
      raw.context = contextRaw;
    }
    if (only.includes('serving')) {
      const ratio: Record<string, unknown> = {};
      const statements: Record<string, unknown> = {};
      const servingRaw: Record<string, unknown> = {};
      for (const db of dbs) {
        log(`(7) localized alt text in content-API responses on ${db}`);
        const serving = await runServing(ctx, db);
        ratio[db] = serving.servingRatio;
        statements[db] = serving.servingStatements;
        servingRaw[db] = serving.raw;
      }
      results.servingRatio = ratio;
      results.servingStatements = statements;
      raw.serving = servingRaw;
    }
    if (only.includes('replicas')) {
      const keys = ['replicasVsR', 'replicasBusiestSecond', 'replicasMaxInFlight', 'replicasLimitStatementsPerCall', 'replicasLimitMsPerCall'] as const;
      const byDb = Object.fromEntries(keys.map((key) => [key, {} as Record<string, unknown>])) as Record<(typeof keys)[number], Record<string, unknown>>;
      const replicasRaw: Record<string, unknown> = {};
      for (const db of dbs) {
        log(`(10) 1, 2 and 3 Strapi processes on one ${db} database under one limit R`);
        const replicas = await runReplicas(ctx, db);
        for (const key of keys) byDb[key][db] = replicas[key];
        replicasRaw[db] = replicas.raw;
      }
      Object.assign(results, byDb);
      raw.replicas = replicasRaw;
    }

    const durationSeconds = Math.round((Date.now() - startedAt) / 1000);
    const distRebuiltDuringRun = statSync(built).mtime.toISOString() !== distBuiltAt;
    if (distRebuiltDuringRun) log('WARNING: dist/ was rebuilt during the run: phases may have measured different plugin builds');
    const report = {
      ...results,
      targets: {
        uploadOverheadRatio: '≤ 1.02 (p50), ≤ 1.05 (p95)',
        throughputVsIdeal: `≥ ${THROUGHPUT_TARGETS.vsIdeal} (C / L, L being the emulator's whole service time)`,
        throughputVsCeiling: `≥ ${THROUGHPUT_TARGETS.vsCeiling} (÷ the bare-client rate on the same emulator, measured just before)`,
        rateLimitedVsR: '0.90–1.00, never above R',
        pickupP50Ms: '< 250',
        [`enqueue${scaleSize(quick).label}Seconds`]: '< 60',
        [`enqueue${scaleSize(quick).label}RssMb`]: '< 100',
        [`enqueue${scaleSize(quick).label}EventLoopBlockMs`]: '< 100 (perf_hooks.monitorEventLoopDelay max, inside the Strapi process)',
        [`adminRoutes${scaleSize(quick).label}P95Ms`]: '< 300 for each route, with the scale rows and their jobs in place',
        contextQueriesPerImage: `≤ ${CONTEXT_STATEMENTS_BOUND} SQL statements per forFile, whatever the shape and however many entries use the image`,
        jobSqlPerImage: '≤ 8 SQL statements per image outside the provider call (one job at a time)',
        bulkSqlPerImage: '≤ 8 SQL statements per image in the bulk run (the bench\'s polls of the run row left out)',
        bookkeepingMsP50: '≤ 5 ms per image outside the provider call (p50, one job at a time)',
        servingRatio: `≤ ${SERVING_TARGETS.p50} (p50), ≤ ${SERVING_TARGETS.p95} (p95): serving on ÷ serving off (locales: null), per request`,
        servingStatements: `${SERVING_TARGETS.lookups} lookup of the locale texts per response (REST, upload files; GraphQL: per locale)`,
        replicasVsR: '0.90–1.00 for 1, 2 and 3 processes under one cluster limit R (3-process: per-process limits, for contrast: up to 3 × R)',
        replicasBusiestSecond: `≤ R + 1 = ${RATE_LIMIT + 1} (cluster scope)`,
        replicasMaxInFlight: `≤ C = ${CONCURRENCY} (cluster scope)`,
        replicasLimitStatementsPerCall: 'reported: statements on the limit tables per provider call, every process together',
        replicasLimitMsPerCall: 'reported: their summed time (knex query → query-response), ms per provider call',
      },
      partial: partial || undefined,
      timestamp: new Date(startedAt).toISOString(),
      durationSeconds,
      command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
      machine: machineInfo(),
      versions: { ...versions({ postgres: pg, ...(mariadb ? { mariadb } : {}), s3: s3.kind }), pluginDistBuiltAt: distBuiltAt, ...(distRebuiltDuringRun ? { distRebuiltDuringRun } : {}) },
      raw,
    };
    const name = partial ? 'results.partial' : 'results';
    mkdirSync(__dirname, { recursive: true });
    writeFileSync(path.join(__dirname, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(__dirname, `${name}.md`), renderMarkdown(report));
    log(`done in ${durationSeconds} s: bench/${name}.json, bench/${name}.md`);
  } finally {
    await stopAll();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  }
);
