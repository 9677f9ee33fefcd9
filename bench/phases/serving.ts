/**
 * (7) Serving localized alt text (issue 14): what a content-API request with `?locale=fr` costs
 * when the plugin serves each image's French text, against the same request on an app where serving
 * does nothing (`locales: null`: the localizer returns before any walk or query). Two apps per
 * database with the same content (bench/lib/serving-handlers.ts): 100 files with English texts,
 * French texts for 90 and German for 50, and 25 published articles with 5 images each (cover,
 * repeatable component, dynamic zone, a component nested in it, SEO component).
 *
 * Three requests, one at a time, as a front end makes them with a full-access API token:
 * REST `GET /api/articles?locale=fr&populate=…` (25 articles, 125 images), `GET
 * /api/upload/files?locale=fr` (100 files) and GraphQL `articles(locale: "fr") { … }` (125 images).
 * Each round makes the three requests in a random order, each on both apps back to back (which one
 * first, at random); ratios of p50 and of p95, and the median of the per-round ratios.
 * Then, apart, the SQL statements of each request on each app (knex `query` events between two IPC
 * calls around the request): the lookups of the locale texts table, and all statements on minus off.
 * Last, serving's own work timed inside the app from the plugin's sources (the schema walk, and the
 * walk with its lookup and rewrite) on the same read results held in memory: the cost without HTTP
 * and without the noise of the rest of the request.
 */
import type { App, BenchContext, Db } from '../lib/context';
import { cpuPressureWindow } from '../lib/machine';
import { hasText } from '../lib/serving-handlers';
import { bootstrapRatio, percentile, round, roundSummary, summarize } from '../lib/stats';

export const SERVING_REQUESTS = ['rest', 'files', 'graphql'] as const;
export type ServingRequest = (typeof SERVING_REQUESTS)[number];

const FILES = 100;
const ARTICLES = 25;

/** Every media level of the articles (as test/integration/serving/rest-suite.ts populates them). */
const DEEP_POPULATE = [
  'populate[cover]=true',
  'populate[figures][populate][image]=true',
  'populate[sections][on][media.figure][populate][image]=true',
  'populate[sections][on][content.feature][populate][figure][populate][image]=true',
  'populate[seo][populate][metaImage]=true',
].join('&');

const GRAPHQL_QUERY = `{ articles(locale: "fr") {
  title
  cover { url alternativeText }
  figures { caption image { url alternativeText } }
  sections {
    ... on ComponentMediaFigure { caption image { url alternativeText } }
    ... on ComponentContentFeature { heading figure { caption image { url alternativeText } } }
  }
  seo { metaTitle metaImage { url alternativeText } }
} }`;

const APP_ENV = {
  ALT_TEXT_AUTO_ON_UPLOAD: 'false',
  ALT_TEXT_POLL_INTERVAL_MS: '60000',
  ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
};

const shuffle = <T>(items: readonly T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

const request = async (app: App, which: ServingRequest): Promise<{ ms: number; status: number; body: string }> => {
  const headers: Record<string, string> = { Authorization: `Bearer ${app.apiToken}` };
  const started = performance.now();
  const response =
    which === 'graphql'
      ? await fetch(`${app.url}/graphql`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ query: GRAPHQL_QUERY }) })
      : await fetch(`${app.url}${which === 'rest' ? `/api/articles?locale=fr&${DEEP_POPULATE}` : '/api/upload/files?locale=fr'}`, { headers });
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, body };
};

/** Every `alternativeText` string in a response, wherever it is. */
const altTexts = (value: unknown, out: string[] = []): string[] => {
  if (Array.isArray(value)) for (const item of value) altTexts(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'alternativeText' && typeof child === 'string') out.push(child);
      else altTexts(child, out);
    }
  }
  return out;
};

/** How many images of a response carry French text when serving works: the slots whose file has one. */
const expectedFrench = (which: ServingRequest): { images: number; french: number } => {
  const indexes = which === 'files' ? Array.from({ length: FILES }, (_, i) => i) : Array.from({ length: ARTICLES * 5 }, (_, slot) => slot % FILES);
  return { images: indexes.length, french: indexes.filter((i) => hasText('fr', i)).length };
};

/** Fails the phase when serving does not do what is timed: French where there is French on, none off. */
const check = async (app: App, which: ServingRequest, serving: boolean) => {
  const { status, body } = await request(app, which);
  if (status !== 200) throw new Error(`${app.name} ${which}: HTTP ${status}: ${body.slice(0, 300)}`);
  const parsed = JSON.parse(body) as { errors?: unknown };
  if (parsed.errors) throw new Error(`${app.name} ${which}: ${JSON.stringify(parsed.errors).slice(0, 300)}`);
  const texts = altTexts(parsed);
  const french = texts.filter((text) => text.startsWith('fr: ')).length;
  const expected = expectedFrench(which);
  if (texts.length !== expected.images || french !== (serving ? expected.french : 0)) {
    throw new Error(`${app.name} ${which}: ${texts.length} images, ${french} in French; expected ${expected.images}, ${serving ? expected.french : 0}`);
  }
  return { images: texts.length, french, bytes: body.length };
};

interface Counted {
  total: number;
  localeTexts: number;
  keys: string[];
}

const median = (values: readonly number[]) => percentile(values, 50);

/** 90% bootstrap interval of the median of paired ratios a[i] ÷ b[i] (rounds resampled whole). Seeded. */
const pairedInterval = (a: readonly number[], b: readonly number[], rounds = 2000): [number, number] => {
  const ratios = a.map((x, i) => x / b[i]);
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const medians = Array.from({ length: rounds }, () => median(Array.from({ length: ratios.length }, () => ratios[Math.floor(random() * ratios.length)])));
  return [percentile(medians, 5), percentile(medians, 95)];
};

export async function runServing(ctx: BenchContext, db: Db) {
  const rounds = ctx.quick ? 20 : 60;
  const warmup = 5;
  const countReps = ctx.quick ? 5 : 9;
  const pieceReps = ctx.quick ? 20 : 200;
  const locales = ['en', 'fr', 'de'];
  const [on, off] = await Promise.all([
    ctx.startApp(`serving-${db}-on`, db, { ...APP_ENV, ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales }) }),
    ctx.startApp(`serving-${db}-off`, db, { ...APP_ENV, ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: null }) }),
  ]);
  try {
    const apps = [on, off];
    await Promise.all(apps.map((app) => app.child.call('servingSetup', { files: FILES, articles: ARTICLES })));
    const shape = {} as Record<ServingRequest, { images: number; french: number; bytes: number }>;
    for (const which of SERVING_REQUESTS) {
      shape[which] = await check(on, which, true);
      await check(off, which, false);
    }
    ctx.log(`  ${rounds} rounds: REST, files, GraphQL in random order, each on both apps back to back (random which first), after ${warmup} warm-up rounds`);
    const pairs = SERVING_REQUESTS.flatMap((which) => apps.map((app) => ({ which, app })));
    const ms = new Map(pairs.map(({ which, app }) => [`${which}:${app.name}`, [] as number[]]));
    const round1 = async (record: boolean) => {
      for (const which of shuffle(SERVING_REQUESTS)) {
        const times = new Map<App, number>();
        for (const app of shuffle(apps)) {
          const result = await request(app, which);
          if (result.status !== 200) throw new Error(`${app.name} ${which}: HTTP ${result.status}`);
          times.set(app, result.ms);
        }
        if (!record) continue;
        ms.get(`${which}:${on.name}`)?.push(times.get(on) as number);
        ms.get(`${which}:${off.name}`)?.push(times.get(off) as number);
      }
    };
    for (let i = 0; i < warmup; i++) await round1(false);
    const pressure = cpuPressureWindow();
    const started = Date.now();
    for (let i = 0; i < rounds; i++) await round1(true);
    const timedSeconds = (Date.now() - started) / 1000;
    const machineCpuPressureShare = pressure();

    ctx.log(`  statements: ${countReps} of each request on each app`);
    const counts = new Map(pairs.map(({ which, app }) => [`${which}:${app.name}`, [] as Counted[]]));
    for (let i = 0; i < countReps; i++) {
      for (const { which, app } of pairs) {
        await app.child.call('countStart');
        await request(app, which);
        counts.get(`${which}:${app.name}`)?.push(await app.child.call<Counted>('countStop'));
      }
    }

    ctx.log(`  serving's own work from the plugin's sources, in the app: ${pieceReps} calls of each`);
    const pieces = await on.child.call<{ reps: number; objects: { articles: number; files: number }; micros: Record<string, number[]> }>('servingPieces', { reps: pieceReps });
    const piecesUs = Object.fromEntries(Object.entries(pieces.micros).map(([name, values]) => [name, roundSummary(summarize(values), 0)]));
    ctx.log(`    localize: 25 articles ${piecesUs.localizeArticles.p50} µs (walk ${piecesUs.walkArticles.p50}), 100 files ${piecesUs.localizeFiles.p50} µs (walk ${piecesUs.walkFiles.p50})`);

    const ratio = {} as Record<ServingRequest, { p50: number; p95: number }>;
    const statements = {} as Record<ServingRequest, { lookups: number; lookupsMax: number; added: number }>;
    const raw: Record<string, unknown> = {};
    for (const which of SERVING_REQUESTS) {
      const a = ms.get(`${which}:${on.name}`) ?? [];
      const b = ms.get(`${which}:${off.name}`) ?? [];
      const sa = summarize(a);
      const sb = summarize(b);
      ratio[which] = { p50: round(sa.p50 / sb.p50, 3), p95: round(sa.p95 / sb.p95, 3) };
      const ca = counts.get(`${which}:${on.name}`) ?? [];
      const cb = counts.get(`${which}:${off.name}`) ?? [];
      statements[which] = {
        lookups: median(ca.map((c) => c.localeTexts)),
        lookupsMax: Math.max(...ca.map((c) => c.localeTexts)),
        added: median(ca.map((c) => c.total)) - median(cb.map((c) => c.total)),
      };
      const byKey = (list: Counted[]) => {
        const out: Record<string, number> = {};
        for (const c of list) for (const key of c.keys) out[key] = (out[key] ?? 0) + 1 / list.length;
        return out;
      };
      const keysOn = byKey(ca);
      const keysOff = byKey(cb);
      raw[which] = {
        ...shape[which],
        servingOnMs: roundSummary(sa, 2),
        servingOffMs: roundSummary(sb, 2),
        /** Median of the per-round ratios (on ÷ off, the two requests back to back): the load both saw cancels out. */
        pairedRatio: round(median(a.map((x, i) => x / b[i])), 3),
        pairedRatioInterval90: pairedInterval(a, b).map((x) => round(x, 3)),
        ratioInterval90: {
          p50: bootstrapRatio(a, b, (v) => percentile(v, 50)).map((x) => round(x, 3)),
          p95: bootstrapRatio(a, b, (v) => percentile(v, 95)).map((x) => round(x, 3)),
        },
        statementsOn: { median: median(ca.map((c) => c.total)), min: Math.min(...ca.map((c) => c.total)), max: Math.max(...ca.map((c) => c.total)) },
        statementsOff: { median: median(cb.map((c) => c.total)), min: Math.min(...cb.map((c) => c.total)), max: Math.max(...cb.map((c) => c.total)) },
        localeTextLookups: ca.map((c) => c.localeTexts),
        /** Statements per request by verb and table, on minus off (mean over the repetitions), where they differ. */
        addedByStatement: Object.fromEntries(
          [...new Set([...Object.keys(keysOn), ...Object.keys(keysOff)])]
            .map((key) => [key, round((keysOn[key] ?? 0) - (keysOff[key] ?? 0), 2)] as const)
            .filter(([, added]) => added !== 0)
        ),
      };
      ctx.log(
        `    ${which.padEnd(7)} p50 ${round(sa.p50, 1)} vs ${round(sb.p50, 1)} ms (${ratio[which].p50}), p95 ${round(sa.p95, 1)} vs ${round(sb.p95, 1)} ms (${ratio[which].p95}); ` +
          `${statements[which].lookups} lookup(s) (max ${statements[which].lookupsMax}), ${statements[which].added} statement(s) added`
      );
    }
    return {
      servingRatio: ratio,
      servingStatements: statements,
      raw: {
        rounds,
        warmup,
        countReps,
        timedSeconds: round(timedSeconds, 1),
        machineCpuPressureShare,
        content: `${FILES} files (provider local: no URL signing), French texts for 90, German for 50; ${ARTICLES} published articles × 5 images`,
        servingOn: { locales },
        servingOff: { locales: null },
        /** µs per call of serving's own work (walk; walk + lookup + rewrite), on read results in memory. */
        pieces: { reps: pieces.reps, objects: pieces.objects, us: piecesUs },
        requests: raw,
      },
    };
  } finally {
    await Promise.all([on.stop(), off.stop()]);
  }
}
