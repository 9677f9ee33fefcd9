/** (7) Serving localized alt text, in bench/results.md: rows for the main table and a table of its own. */

export type ServingRequestName = 'rest' | 'files' | 'graphql';
export type ServingRatio = Record<string, Partial<Record<ServingRequestName, { p50: number; p95: number }>>>;
export type ServingStatements = Record<string, Partial<Record<ServingRequestName, { lookups: number; lookupsMax: number; added: number }>>>;

/** Serving on ÷ serving off (`locales: null`), and the locale-text lookups each response may cost (issue 14: one). */
export const SERVING_TARGETS = { p50: 1.1, p95: 1.15, lookups: 1 } as const;

const REQUESTS: Array<[ServingRequestName, string]> = [
  ['rest', 'REST `GET /api/articles?locale=fr&populate=…` (25 articles × 5 images)'],
  ['files', '`GET /api/upload/files?locale=fr` (100 files)'],
  ['graphql', 'GraphQL `articles(locale: "fr") { … }` (25 articles × 5 images)'],
];
const DB_LABELS: Record<string, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL', mysql: 'MariaDB' };

const mark = (ok: boolean) => (ok ? ' ✅' : ' ❌');

const ratioCell = (ratio: ServingRatio | undefined, db: string, which: ServingRequestName): string => {
  const r = ratio?.[db]?.[which];
  return r ? `${r.p50}${mark(r.p50 <= SERVING_TARGETS.p50)} / ${r.p95}${mark(r.p95 <= SERVING_TARGETS.p95)}` : '—';
};

const lookupsCell = (statements: ServingStatements | undefined, db: string): string => {
  const s = statements?.[db];
  if (!s) return '—';
  const cells = REQUESTS.map(([which]) => s[which]);
  const ok = cells.every((c) => c !== undefined && c.lookups === SERVING_TARGETS.lookups && c.lookupsMax === SERVING_TARGETS.lookups);
  return `${cells.map((c) => (c ? String(c.lookups) : '?')).join(' · ')}${mark(ok)}`;
};

/** Rows for the main table: one cell per database in `columns`. */
export function servingRows(ratio: ServingRatio | undefined, statements: ServingStatements | undefined, columns: readonly string[]): string[][] {
  if (!ratio && !statements) return [];
  const rows = REQUESTS.map(([which, label]) => [
    '7',
    `Serving alt text in French: ${label}, p50 / p95 (serving on ÷ \`locales: null\`)`,
    `≤ ${SERVING_TARGETS.p50} / ≤ ${SERVING_TARGETS.p95}`,
    ...columns.map((db) => ratioCell(ratio, db, which)),
  ]);
  rows.push(['7', 'Serving: locale-text lookups per response (REST · files · GraphQL)', `${SERVING_TARGETS.lookups}`, ...columns.map((db) => lookupsCell(statements, db))]);
  return rows;
}

interface ServingRaw {
  requests?: Record<string, { servingOnMs: { p50: number }; servingOffMs: { p50: number }; ratioInterval90: { p50: number[] }; pairedRatio?: number; pairedRatioInterval90?: number[] }>;
  machineCpuPressureShare?: number | null;
  pieces?: { us: Record<string, { p50: number }> };
}

/** (7) in full, every database measured (MariaDB too): times, ratios with their intervals, statements. */
export function renderServingTable(ratio: ServingRatio | undefined, statements: ServingStatements | undefined, raw: Record<string, ServingRaw> | undefined): string | undefined {
  const dbs = Object.keys(ratio ?? {});
  if (dbs.length === 0) return undefined;
  const rows = dbs.flatMap((db) =>
    REQUESTS.map(([which, label]) => {
      const r = ratio?.[db]?.[which];
      const s = statements?.[db]?.[which];
      const q = raw?.[db]?.requests?.[which];
      return [
        DB_LABELS[db] ?? db,
        label,
        q ? `${q.servingOnMs.p50} / ${q.servingOffMs.p50} ms` : '—',
        r ? `${r.p50} (${q ? q.ratioInterval90.p50.join('–') : '?'})` : '—',
        r ? String(r.p95) : '—',
        q?.pairedRatio !== undefined ? `${q.pairedRatio} (${q.pairedRatioInterval90?.join('–') ?? '?'})` : '—',
        s ? `${s.lookups}${s.lookupsMax !== s.lookups ? ` (max ${s.lookupsMax})` : ''}` : '—',
        s ? `${s.added >= 0 ? '+' : ''}${s.added}` : '—',
      ];
    })
  );
  const share = (us: number | undefined, offMs: number | undefined) => (us !== undefined && offMs ? ` = ${Math.round((us / 1000 / offMs) * 1000) / 10} % of that request's p50 off` : '');
  const pieces = dbs
    .map((db) => {
      const us = raw?.[db]?.pieces?.us;
      const requests = raw?.[db]?.requests;
      return us
        ? `${DB_LABELS[db] ?? db}: 25 articles ${us.localizeArticles?.p50} µs (walk ${us.walkArticles?.p50} µs)${share(us.localizeArticles?.p50, requests?.rest?.servingOffMs.p50)}, ` +
            `100 files ${us.localizeFiles?.p50} µs (walk ${us.walkFiles?.p50} µs)${share(us.localizeFiles?.p50, requests?.files?.servingOffMs.p50)}`
        : undefined;
    })
    .filter(Boolean);
  const pressure = dbs.map((db) => `${DB_LABELS[db] ?? db} ${raw?.[db]?.machineCpuPressureShare ?? '?'}`).join(', ');
  return [
    '### (7) Serving localized alt text',
    '',
    '| Database | Request | p50, on / off | p50 ratio (90% interval) | p95 ratio | Median of paired ratios (90% interval) | Locale-text lookups | Statements added |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    'On: `locales: [\'en\', \'fr\', \'de\']`; off: `locales: null` (serving returns before any walk or query). Both apps hold the same ' +
      'content and answer the same requests, interleaved in random order; lookups and statements are medians per request ' +
      `(knex \`query\` events), "added" is on minus off. Machine CPU pressure (PSI "some") while timing: ${pressure}.`,
    ...(pieces.length ? ['', `Serving's own work per response, from the plugin's sources inside the app (walk + one lookup + rewrite, median): ${pieces.join('; ')}.`] : []),
  ].join('\n');
}
