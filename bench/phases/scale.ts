/**
 * (4) A run over 1 000 000 file rows (100 000 under --quick) inserted directly: time until the
 * run has enqueued them all, the peak RSS growth of the Strapi process meanwhile, and the longest
 * event-loop block inside that process (perf_hooks.monitorEventLoopDelay: a request arriving then
 * waits as long). The queue is paused first, so only the enqueue is measured (nothing is sent).
 */
import path from 'node:path';
import type { BenchContext, Db } from '../lib/context';
import { insertFileRows, type FileTable, type SeedObject } from '../lib/seed-rows';
import { round } from '../lib/stats';
import { timeAdminRoutes } from './scale-admin';

/** Requests of each admin route after the enqueue (fewer at 1 000 000 rows, where a count takes seconds). */
const adminRequests = (quick: boolean) => (quick ? 30 : 20);

/** The rows of a scale run, and the size its result keys are named after. */
export const scaleSize = (quick: boolean) => (quick ? { rows: 100_000, label: '100k' } : { rows: 1_000_000, label: '1m' });

export async function runScale(ctx: BenchContext, db: Db) {
  const { rows } = scaleSize(ctx.quick);
  const app = await ctx.startApp(`scale-${db}`, db, { ALT_TEXT_AUTO_ON_UPLOAD: 'false' });
  try {
    // The objects need not exist: nothing is sent while the queue is paused.
    const objects: SeedObject[] = Array.from({ length: 100 }, (_, i) => ({
      hash: `scale_${i}`,
      ext: '.png',
      mime: 'image/png',
      width: 800,
      height: 600,
      sizeKb: 120.5,
    }));
    const table = await app.child.call<FileTable>('fileTable');
    const inserted = await insertFileRows(db, table, {
      count: rows,
      objects,
      namePrefix: 'scale',
      urlBase: `${ctx.s3.endpoint}/${ctx.bucket}/${app.rootPath}/`,
    });
    ctx.log(`  ${rows} rows inserted in ${round(inserted.seconds, 1)} s`);
    const result = await app.child.call<{
      complete: boolean;
      seconds: number;
      queued: number;
      rssGrowthMb: number;
      rssBaselineMb: number;
      rssPeakMb: number;
      usage: { maxEventLoopDelayMs: number; maxTimerGapMs: number };
      [key: string]: unknown;
    }>('enqueueScale', { sampleMs: 50, timeoutMs: 15 * 60_000, profile: ctx.profile ? path.join(ctx.logDir, `scale-${db}.cpuprofile`) : undefined });
    if (ctx.profile) ctx.log(`    CPU profile of the Strapi process: ${path.join(ctx.logDir, `scale-${db}.cpuprofile`)}`);
    if (!result.complete) ctx.log(`  WARNING: the run did not finish enqueueing within the time limit`);
    const blockMs = result.usage.maxEventLoopDelayMs;
    ctx.log(`    enqueued ${result.queued} in ${round(result.seconds, 1)} s, RSS +${round(result.rssGrowthMb, 1)} MB, longest event-loop block ${round(blockMs, 0)} ms`);
    const requests = adminRequests(ctx.quick);
    const adminRoutes = await timeAdminRoutes(app.url, await app.child.call<string>('adminToken'), requests);
    ctx.log(`    admin routes, p50 / p95 of ${requests}: ${Object.entries(adminRoutes).map(([name, t]) => `${name} ${t.p50}/${t.p95} ms (first ${t.first})`).join(', ')}`);
    return {
      adminRoutesP50Ms: Object.fromEntries(Object.entries(adminRoutes).map(([name, t]) => [name, t.p50])),
      adminRoutesP95Ms: Object.fromEntries(Object.entries(adminRoutes).map(([name, t]) => [name, t.p95])),
      adminRoutesFirstMs: Object.fromEntries(Object.entries(adminRoutes).map(([name, t]) => [name, t.first])),
      enqueueSeconds: round(result.seconds, 2),
      enqueueRssMb: round(result.rssGrowthMb, 1),
      enqueueEventLoopBlockMs: round(blockMs, 1),
      raw: { rows, insertSeconds: round(inserted.seconds, 2), ...roundAll(result), adminRoutes },
    };
  } finally {
    await app.stop();
  }
}

const roundAll = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      typeof v === 'number' ? round(v, 3) : v && typeof v === 'object' && !Array.isArray(v) ? roundAll(v as Record<string, unknown>) : v,
    ])
  );
