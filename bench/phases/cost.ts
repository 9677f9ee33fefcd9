/**
 * (8) Never paying twice (issue 16): a library where 30 % of the uploads repeat bytes already
 * uploaded under other names (a logo in ten folders, a re-uploaded product shot), uploaded through
 * the real API with auto-on-upload; then an `overwrite` run over all of it, twice, with unchanged
 * settings. Counted at the emulator: provider calls answered, per unique image. Target 1.00, and 0
 * for the second overwrite run.
 */
import { uploadThroughApi } from '../../test/support/upload';
import type { BenchContext, Db } from '../lib/context';
import { solidPng } from '../lib/images';
import { round } from '../lib/stats';

const DUPLICATE_SHARE = 0.3;

const answered = async (ctx: BenchContext, since: number) => (await ctx.emulator.call<{ statuses: Record<string, number> }>('calls', { since })).statuses['200'] ?? 0;

export async function runCost(ctx: BenchContext, db: Db) {
  const uploads = ctx.quick ? 40 : 200;
  const unique = Math.round(uploads * (1 - DUPLICATE_SHARE));
  await ctx.emulator.call('clearFaults');
  const app = await ctx.startApp(`cost-${db}`, db, { ALT_TEXT_AUTO_ON_UPLOAD: 'true', ALT_TEXT_REQUESTS_PER_SECOND: '0', ALT_TEXT_CONCURRENCY: '4' });
  try {
    const bodies = await Promise.all(Array.from({ length: unique }, (_, i) => solidPng(64 + (i % 50), 64 + Math.floor(i / 50), i)));
    // Every unique image once, then the duplicates: copies of earlier uploads under new names, spread over them.
    const order = [...bodies.map((bytes, i) => ({ bytes, name: `unique-${i}.png` })), ...Array.from({ length: uploads - unique }, (_, k) => ({ bytes: bodies[(k * 7) % unique], name: `copy-${k}.png` }))];
    const since = Date.now();
    for (const [index, file] of order.entries()) {
      const result = await uploadThroughApi(app, { bytes: file.bytes, name: file.name, mime: 'image/png' });
      if (result.status !== 201) throw new Error(`upload ${index} answered ${result.status}`);
    }
    await app.child.call('idle', { timeoutMs: 300_000 });
    const uploadCalls = await answered(ctx, since);
    const written = await app.child.call<{ total: number; withText: number; fromCache: number }>('altTextCounts');

    const firstRunAt = Date.now();
    await app.child.call('runAndWait', { scope: { kind: 'all' }, mode: 'overwrite' });
    const firstRunCalls = await answered(ctx, firstRunAt);
    const secondRunAt = Date.now();
    const estimate = await app.child.call<{ images: number; fromCache: number; credits: number }>('estimate', { scope: { kind: 'all' }, mode: 'overwrite' });
    await app.child.call('runAndWait', { scope: { kind: 'all' }, mode: 'overwrite' });
    const secondRunCalls = await answered(ctx, secondRunAt);
    ctx.log(`    ${uploads} uploads (${unique} unique): ${uploadCalls} calls, ${written.fromCache} texts from the cache; overwrite runs: ${firstRunCalls} then ${secondRunCalls} calls`);
    return {
      creditsPerUniqueImage: round(uploadCalls / unique, 3),
      overwriteRunRepeatCalls: secondRunCalls,
      raw: { uploads, unique, duplicates: uploads - unique, uploadCalls, written, firstOverwriteRunCalls: firstRunCalls, secondOverwriteRunCalls: secondRunCalls, secondRunEstimate: estimate },
    };
  } finally {
    await app.stop();
  }
}
