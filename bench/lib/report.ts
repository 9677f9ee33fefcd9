/** bench/results.md: the table the README shows, from the results object. */
import { CONTEXT_SHAPES, SHAPE_LABELS } from './context-shapes';
import { renderServingTable, servingRows, type ServingRatio, type ServingStatements } from './report-serving';

/** The main table's database columns, in order (`mysql` is MariaDB on this machine). */
const COLUMNS = ['sqlite', 'postgres', 'mysql'] as const;
type Column = (typeof COLUMNS)[number];
type PerDb = Partial<Record<Column, number>>;
type PerShape<T> = Record<string, T>;
type ContextQueries = Record<string, PerShape<{ statements: number; medianUs: number }>>;
type JobSql = Record<string, PerShape<{ withContext: number; withoutContext: number; added: number }>>;
/** By database, then by run: '1', '2', '3' processes under one cluster limit, '3-process' with per-process limits. */
type PerReplicas = Partial<Record<Column, Record<string, number>>>;
const CLUSTER_RUNS = ['1', '2', '3'] as const;

const DB_LABELS: Record<string, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL', mysql: 'MariaDB' };
/** The most statements `forFile` may send for one image, whatever the shape (issue 13: bounded). */
export const CONTEXT_STATEMENTS_BOUND = 4;
/** Issue 17's targets for what the rig measures. */
export const THROUGHPUT_TARGETS = { vsIdeal: 0.93, vsCeiling: 0.98 } as const;

interface Report {
  uploadOverheadRatio?: { sqlite?: { p50: number; p95: number } };
  throughputVsIdeal?: PerDb;
  throughputVsCeiling?: PerDb;
  rateLimitedVsR?: PerDb;
  pickupP50Ms?: PerDb;
  pickupP95Ms?: PerDb;
  enqueue100kSeconds?: PerDb;
  enqueue100kRssMb?: PerDb;
  enqueue100kEventLoopBlockMs?: PerDb;
  enqueue1mSeconds?: PerDb;
  enqueue1mRssMb?: PerDb;
  enqueue1mEventLoopBlockMs?: PerDb;
  presignUsPerUrl?: number;
  signedUrlUsPerUrl?: number;
  inlineDownscale12MpMs?: number;
  contextQueriesPerImage?: ContextQueries;
  jobSqlPerImage?: JobSql;
  servingRatio?: ServingRatio;
  servingStatements?: ServingStatements;
  creditsPerUniqueImage?: PerDb;
  overwriteRunRepeatCalls?: PerDb;
  replicasVsR?: PerReplicas;
  replicasBusiestSecond?: PerReplicas;
  replicasMaxInFlight?: PerReplicas;
  replicasLimitStatementsPerCall?: PerReplicas;
  replicasLimitMsPerCall?: PerReplicas;
  timestamp: string;
  durationSeconds: number;
  command: string;
  partial?: boolean;
  machine: { cpu: string; cores: number; memoryGb: number; os: string; loadAverageAtStart: number[] };
  versions: Record<string, unknown>;
  raw: Record<string, unknown>;
}

const cell = (value: number | undefined, unit = '', check?: (v: number) => boolean): string => {
  if (value === undefined || Number.isNaN(value)) return '—';
  const mark = check ? (check(value) ? ' ✅' : ' ❌') : '';
  return `${value}${unit}${mark}`;
};

const rate = (raw: Record<string, unknown>, db: string, which: 'unlimited' | 'rateLimited'): string => {
  const tp = (raw.throughput as Record<string, Record<string, { achievedPerSecond: number }>> | undefined)?.[db]?.[which];
  return tp ? ` (${tp.achievedPerSecond}/s)` : '';
};

export function renderMarkdown(r: Report): string {
  const rows: string[][] = [];
  const up = r.uploadOverheadRatio?.sqlite;
  const le = (limit: number) => (v: number) => v <= limit;
  const ge = (limit: number) => (v: number) => v >= limit;
  const lt = (limit: number) => (v: number) => v < limit;
  const each = (show: (db: Column) => string): string[] => COLUMNS.map(show);
  const sqliteOnly = (text: string): string[] => [text, '—', '—'];
  rows.push(['1', 'Upload overhead, p50 (plugin on ÷ plugin off)', '≤ 1.02', ...sqliteOnly(cell(up?.p50, '', le(1.02)))]);
  rows.push(['1', 'Upload overhead, p95 (plugin on ÷ plugin off)', '≤ 1.05', ...sqliteOnly(cell(up?.p95, '', le(1.05)))]);
  for (const [label, key, target, check, which] of [
    ['Bulk throughput ÷ ideal (C = 8, L = 200 ms whole service time → 40/s)', 'throughputVsIdeal', `≥ ${THROUGHPUT_TARGETS.vsIdeal}`, ge(THROUGHPUT_TARGETS.vsIdeal), 'unlimited'],
    ['Bulk throughput ÷ bare-client ceiling (same emulator, no Strapi, same run)', 'throughputVsCeiling', `≥ ${THROUGHPUT_TARGETS.vsCeiling}`, ge(THROUGHPUT_TARGETS.vsCeiling), undefined],
    ['Rate-limited throughput ÷ R (R = 20/s)', 'rateLimitedVsR', '0.90–1.00', (v: number) => v >= 0.9 && v <= 1, 'rateLimited'],
  ] as const) {
    const values = r[key];
    rows.push(['2', label, target, ...each((db) => (values ? `${cell(values[db], '', check)}${which && values[db] !== undefined ? rate(r.raw, db, which) : ''}` : '—'))]);
  }
  rows.push(['3', 'Pickup latency p50 (file stored → alt text stored, L = 0)', '< 250 ms', ...sqliteOnly(cell(r.pickupP50Ms?.sqlite, ' ms', lt(250)))]);
  rows.push(['3', 'Pickup latency p95', '—', ...sqliteOnly(cell(r.pickupP95Ms?.sqlite, ' ms'))]);
  // A full run measures 1 000 000 rows; --quick 100 000.
  const [size, seconds, rss, block] = r.enqueue1mSeconds
    ? ['1 000 000', r.enqueue1mSeconds, r.enqueue1mRssMb, r.enqueue1mEventLoopBlockMs]
    : ['100 000', r.enqueue100kSeconds, r.enqueue100kRssMb, r.enqueue100kEventLoopBlockMs];
  rows.push(['4', `Run over ${size} rows: time to enqueue`, '< 60 s', ...each((db) => cell(seconds?.[db], ' s', lt(60)))]);
  rows.push(['4', `Run over ${size} rows: peak RSS growth`, '< 100 MB', ...each((db) => cell(rss?.[db], ' MB', lt(100)))]);
  rows.push(['4', `Run over ${size} rows: longest event-loop block in the Strapi process`, '< 100 ms', ...each((db) => cell(block?.[db], ' ms', lt(100)))]);
  rows.push(['5', 'Presign one S3 GetObject URL', '—', cell(r.presignUsPerUrl, ' µs'), '', '']);
  rows.push(['5', 'Plugin-signed URL (HMAC)', '—', cell(r.signedUrlUsPerUrl, ' µs'), '', '']);
  rows.push(['5', 'Inline downscale of a 12 MP JPEG to 2048 px', '—', cell(r.inlineDownscale12MpMs, ' ms'), '', '']);
  const shapes = (values: PerShape<unknown> | undefined, show: (shape: string) => string): string =>
    values ? CONTEXT_SHAPES.map(show).join(' · ') : '—';
  const queries = r.contextQueriesPerImage;
  const bounded = (db: Column) => {
    const perShape = queries?.[db];
    if (!perShape) return '—';
    const most = Math.max(...CONTEXT_SHAPES.map((shape) => perShape[shape]?.statements ?? Number.NaN));
    return `${shapes(perShape, (shape) => String(perShape[shape]?.statements ?? '?'))}${most <= CONTEXT_STATEMENTS_BOUND ? ' ✅' : ' ❌'}`;
  };
  rows.push(['6', 'Entry context: SQL statements per image (`forFile`: cover · figure · zone · nested in zone · 5 entries · none)', `≤ ${CONTEXT_STATEMENTS_BOUND}`, ...each(bounded)]);
  const added = (db: Column) => {
    const perShape = r.jobSqlPerImage?.[db];
    if (!perShape) return '—';
    const off = [...new Set(CONTEXT_SHAPES.map((shape) => perShape[shape]?.withoutContext))];
    return `${shapes(perShape, (shape) => `+${perShape[shape]?.added ?? '?'}`)} (of ${off.join('/')} without)`;
  };
  rows.push(['6', 'Entry context: SQL statements it adds to one job (same shapes)', '—', ...each(added)]);
  rows.push(...servingRows(r.servingRatio, r.servingStatements, COLUMNS));
  rows.push(['8', 'Credits per unique image, 30 % of uploads repeating earlier bytes under new names', '1.00', ...each((db) => cell(r.creditsPerUniqueImage?.[db], '', le(1)))]);
  rows.push(['8', 'Provider calls of a second `overwrite` run over every image, settings unchanged', '0', ...each((db) => cell(r.overwriteRunRepeatCalls?.[db], '', le(0)))]);
  const replicas = (values: PerReplicas | undefined, runs: readonly string[], check?: (v: number) => boolean) => (db: Column) => {
    const perRun = values?.[db];
    if (!perRun) return '—';
    const shown = runs.map((run) => perRun[run]);
    const mark = check ? (shown.every((v) => v !== undefined && check(v)) ? ' ✅' : ' ❌') : '';
    return `${shown.map((v) => (v === undefined ? '?' : String(v))).join(' · ')}${mark}`;
  };
  const inR = (v: number) => v >= 0.9 && v <= 1;
  rows.push(['10', 'Replicas under one limit R = 20/s (C = 8, L = 200 ms → C/L = 40/s): combined rate ÷ R, 1 · 2 · 3 processes', '0.90–1.00', ...each(replicas(r.replicasVsR, CLUSTER_RUNS, inR))]);
  rows.push(['10', '… with per-process limits (`limitScope: \'process\'`), 1 · 3 processes, for contrast', '— (up to N)', ...each(replicas(r.replicasVsR, ['1-process', '3-process']))]);
  rows.push(['10', 'Replicas: busiest second at the emulator, 1 · 2 · 3 processes (per-process: 3)', `≤ 21 (R + 1)`, ...each((db) => `${replicas(r.replicasBusiestSecond, CLUSTER_RUNS, le(21))(db)} (${replicas(r.replicasBusiestSecond, ['3-process'])(db)})`)]);
  rows.push(['10', 'Replicas: most calls in flight at the emulator, 1 · 2 · 3 processes (per-process: 3)', '≤ 8 (C)', ...each((db) => `${replicas(r.replicasMaxInFlight, CLUSTER_RUNS, le(8))(db)} (${replicas(r.replicasMaxInFlight, ['3-process'])(db)})`)]);
  rows.push(['10', 'Replicas: statements on the limit tables per provider call, 1 · 2 · 3 processes', '—', ...each(replicas(r.replicasLimitStatementsPerCall, CLUSTER_RUNS))]);
  rows.push(['10', 'Replicas: their time per provider call (ms, summed over the processes), 1 · 2 · 3 processes', '—', ...each(replicas(r.replicasLimitMsPerCall, CLUSTER_RUNS))]);

  const table = [
    '| # | Measure | Target | SQLite | PostgreSQL | MySQL (MariaDB) |',
    '|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  const v = r.versions;
  const notes: string[] = [];
  const contextTable = renderContextTable(r.contextQueriesPerImage, r.jobSqlPerImage);
  const servingTable = renderServingTable(r.servingRatio, r.servingStatements, r.raw.serving as Parameters<typeof renderServingTable>[2]);
  type Unlimited = { achievedPerSecond: number; emulator: { serviceMs: { mean: number } }; overheadPerJobMs: number };
  const tp = r.raw.throughput as Record<string, { unlimited: Unlimited; harnessCeiling?: { perSecond: number; vsIdeal: number } }> | undefined;
  for (const db of COLUMNS) {
    const run = tp?.[db];
    if (!run) continue;
    const ceiling = run.harnessCeiling ? `bare-client ceiling ${run.harnessCeiling.perSecond}/s (${run.harnessCeiling.vsIdeal} of C/L), ` : '';
    notes.push(
      `- **${DB_LABELS[db]}:** ${ceiling}emulator time per call ${run.unlimited.emulator.serviceMs.mean} ms (L = 200), plugin time per job outside the call ${run.unlimited.overheadPerJobMs} ms.`
    );
  }
  const limitedNotes = COLUMNS
    .map((db) => {
      const limited = (
        tp?.[db] as unknown as { rateLimited?: { peakOneSecondWindow: number; steadyPerSecond: number; sendSpacingMs?: { p50: number } } } | undefined
      )?.rateLimited;
      return limited
        ? `${db}: busiest second ${limited.peakOneSecondWindow} calls, steady ${limited.steadyPerSecond}/s` +
            (limited.sendSpacingMs ? `, median gap between sends ${limited.sendSpacingMs.p50} ms (1/R = 50)` : '')
        : undefined;
    })
    .filter(Boolean);
  if (limitedNotes.length) notes.push(`- **Rate limit R = 20/s:** ${limitedNotes.join('; ')}.`);
  const scale = r.raw.scale as Record<string, { usage?: { maxTimerGapMs?: number } }> | undefined;
  if (scale) {
    const stalls = Object.entries(scale)
      .filter(([, v]) => v.usage?.maxTimerGapMs !== undefined)
      .map(([db, v]) => `${db} ${Math.round(v.usage?.maxTimerGapMs as number)} ms`);
    if (stalls.length) notes.push(`- **Longest gap of a 10 ms main-thread timer in the Strapi process while enqueueing ${size}:** ${stalls.join(', ')}.`);
  }
  const uploads = r.raw.uploads as
    | {
        ratioInterval90?: { p50: number[]; p95: number[] };
        diagnosticHookOnly?: { ratioToOff: { p50: number; p95: number } };
        afterRowCreatedMs?: Record<string, { p50: number }>;
      }
    | undefined;
  if (uploads?.ratioInterval90) {
    notes.push(
      `- **Upload ratios, 90% bootstrap intervals:** p50 ${uploads.ratioInterval90.p50.join('–')}, p95 ${uploads.ratioInterval90.p95.join('–')}.` +
        (uploads.diagnosticHookOnly
          ? ` Hook only (plugin on, queue paused: the job row is inserted, no job runs): p50 ${uploads.diagnosticHookOnly.ratioToOff.p50}, p95 ${uploads.diagnosticHookOnly.ratioToOff.p95}.`
          : '') +
        (uploads.afterRowCreatedMs
          ? ` Row created → response at the client, p50: ${Object.entries(uploads.afterRowCreatedMs)
              .map(([name, v]) => `${name.replace('upload-', '')} ${v.p50} ms`)
              .join(', ')}.`
          : '')
    );
  }
  return `${[
    `# Benchmarks${r.partial ? ' (partial run)' : ''}`,
    '',
    table,
    '',
    'Row 5 is the same on every database (no database involved).',
    '',
    ...(contextTable ? [contextTable, ''] : []),
    ...(servingTable ? [servingTable, ''] : []),
    ...(notes.length ? [...notes, ''] : []),
    `- **Command:** \`${r.command}\` — ${r.durationSeconds} s, ${r.timestamp}`,
    `- **Machine:** ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB, ${r.machine.os}; load average at start ${r.machine.loadAverageAtStart.join(' / ')}`,
    `- **Versions:** plugin ${v.plugin} (${v.gitCommit}${v.gitDirty ? ', with uncommitted changes' : ''}), Node ${v.node}, Strapi ${v.strapi}, ` +
      `SQLite ${v.sqlite} (better-sqlite3 ${v.betterSqlite3}), PostgreSQL ${v.postgres ?? '—'} (pg ${v.pg}), ` +
      (v.mariadb ? `MariaDB ${v.mariadb} (mysql2 ${v.mysql2}), ` : '') +
      `${v.radosgw ?? v.s3}, @aws-sdk/client-s3 ${v.awsSdkClientS3}, sharp ${v.sharp}`,
    '',
    'Raw numbers behind each ratio: `bench/results.json` (`raw`).',
    '',
  ].join('\n')}`;
}

/**
 * (6) in full: per shape and database, `forFile`'s statements and median time, and the statements
 * of one job end to end with entry context on and off.
 */
function renderContextTable(queries: ContextQueries | undefined, jobs: JobSql | undefined): string | undefined {
  const dbs = [...new Set([...Object.keys(queries ?? {}), ...Object.keys(jobs ?? {})])];
  if (dbs.length === 0) return undefined;
  const header = ['Image used as', ...dbs.flatMap((db) => [`${DB_LABELS[db] ?? db}: \`forFile\``, `${DB_LABELS[db] ?? db}: job, context on / off`])];
  const rows = CONTEXT_SHAPES.map((shape) => [
    SHAPE_LABELS[shape],
    ...dbs.flatMap((db) => {
      const q = queries?.[db]?.[shape];
      const j = jobs?.[db]?.[shape];
      return [
        q ? `${q.statements} statement${q.statements === 1 ? '' : 's'}, ${q.medianUs} µs` : '—',
        j ? `${j.withContext} / ${j.withoutContext} (+${j.added})` : '—',
      ];
    }),
  ]);
  return [
    '### (6) Entry context per image',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    '`forFile`: SQL statements per call (median) and its median time, warm (schema read, main fields cached). Job: every statement ' +
      'from the enqueue (its insert not counted) until the worker sleeps again — pause checks, claim, file reads, context, ' +
      'alt text and provenance writes, finish, one more look for work — median over the repetitions, emulator latency 0; ' +
      '"off": a second app with the same content and `entryContext.enabled: false` in its config.',
  ].join('\n');
}
