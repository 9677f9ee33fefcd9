/**
 * (1) Upload overhead: `POST /api/upload` of a ~500 KB JPEG into the private bucket, the same
 * playground app with the plugin (auto-on-upload) and without it (plugin disabled), interleaved
 * pair by pair in random order, so both see the same machine at the same moments.
 * A third app, diagnostics only, has the plugin on with its queue paused: the upload hook inserts
 * its job row but no job runs, which separates the hook's own cost from the background work's.
 * (3) Pickup latency: upload → alt text stored, emulator latency 0, one upload at a time.
 */
import { uploadThroughApi } from '../../test/support/upload';
import type { App, BenchContext } from '../lib/context';
import { grainyJpeg } from '../lib/images';
import { cpuPressureWindow } from '../lib/machine';
import { bootstrapRatio, percentile, round, roundSummary, summarize } from '../lib/stats';

/** Fisher–Yates: every order equally likely. */
const shuffle = <T>(items: readonly T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface AltTime {
  id: number;
  createdAt: number | null;
  altAt: number | null;
}

const upload = async (app: App, bytes: Buffer, name: string) => {
  const result = await uploadThroughApi(app, { bytes, name, mime: 'image/jpeg' });
  if (result.status !== 201) throw new Error(`upload to ${app.name} answered ${result.status}`);
  return { id: result.files[0].id, elapsedMs: result.elapsedMs, respondedAt: Date.now() };
};

const pickupSummary = (times: AltTime[]) => {
  const latencies = times.filter((t) => t.createdAt !== null && t.altAt !== null).map((t) => (t.altAt as number) - (t.createdAt as number));
  return { stored: latencies.length, of: times.length, ...roundSummary(summarize(latencies), 1) };
};

export async function runUploads(ctx: BenchContext) {
  const pairs = ctx.quick ? 30 : 200;
  const pickups = ctx.quick ? 20 : 100;
  const jpeg = await grainyJpeg(1600, 1200);
  ctx.log(`  JPEG: 1600×1200, ${Math.round(jpeg.length / 1024)} KB; ${pairs} interleaved rounds (plugin on / off / on with the queue paused)`);
  await ctx.emulator.call('clearFaults');

  // The same JPEG is uploaded every time: with the cache on, every job after the first would make no call. This measures the call path.
  const noCache = JSON.stringify({ cache: false });
  const withPlugin = await ctx.startApp('upload-plugin-on', 'sqlite', { ALT_TEXT_AUTO_ON_UPLOAD: 'true', ALT_TEXT_EXTRA_CONFIG: noCache });
  const withoutPlugin = await ctx.startApp('upload-plugin-off', 'sqlite', { AUTO_ALT_TEXT_ENABLED: 'false' });
  const hookOnly = await ctx.startApp('upload-plugin-on-queue-paused', 'sqlite', { ALT_TEXT_AUTO_ON_UPLOAD: 'true', ALT_TEXT_EXTRA_CONFIG: noCache });
  try {
    const apps = [withPlugin, withoutPlugin, hookOnly];
    for (const app of apps) await app.child.call('trackAltText');
    await hookOnly.child.call('pause');
    // First uploads alone (Strapi creates its "API Uploads" folder), then a warm-up for all.
    for (let i = 0; i < 10; i++) for (const app of apps) await upload(app, jpeg, `warm-${app.name}-${i}.jpg`);
    await withPlugin.child.call('idle');

    const times = new Map<App, number[]>(apps.map((app) => [app, []]));
    const uploaded = new Map<App, Array<{ id: number; respondedAt: number }>>(apps.map((app) => [app, []]));
    const onIds: number[] = [];
    const started = Date.now();
    const pressure = cpuPressureWindow();
    for (let i = 0; i < pairs; i++) {
      // Each round uploads once to every app, in a random order.
      const order = shuffle(apps);
      for (const app of order) {
        const result = await upload(app, jpeg, `photo-${i}.jpg`);
        times.get(app)?.push(result.elapsedMs);
        uploaded.get(app)?.push({ id: result.id, respondedAt: result.respondedAt });
        if (app === withPlugin) onIds.push(result.id);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    const uploadPressure = pressure();
    await withPlugin.child.call('idle');
    const underLoad = pickupSummary(await withPlugin.child.call<AltTime[]>('altTimes', { ids: onIds }));
    // Where the extra time sits: from the file row's creation (the hook fires there) to the
    // response reaching the client, per app.
    const tails: Record<string, ReturnType<typeof roundSummary>> = {};
    for (const app of apps) {
      const list = uploaded.get(app) ?? [];
      const created = await app.child.call<AltTime[]>('altTimes', { ids: list.map((u) => u.id) });
      const gaps = list
        .map((u, i) => (created[i]?.createdAt ? u.respondedAt - (created[i].createdAt as number) : undefined))
        .filter((v): v is number => v !== undefined);
      tails[app.name] = roundSummary(summarize(gaps), 1);
    }
    await withoutPlugin.stop();
    await hookOnly.stop();

    const on = times.get(withPlugin) ?? [];
    const off = times.get(withoutPlugin) ?? [];
    const hook = times.get(hookOnly) ?? [];
    const onS = summarize(on);
    const offS = summarize(off);
    ctx.log(`    p50 ${round(onS.p50, 1)} vs ${round(offS.p50, 1)} ms, p95 ${round(onS.p95, 1)} vs ${round(offS.p95, 1)} ms`);

    // Pickup: one upload at a time, each waited for; a pause after each keeps the default
    // 2 requests/s limit from ever being what is measured.
    ctx.log(`  pickup: ${pickups} uploads, emulator latency 0, plugin defaults (concurrency 2, 2 requests/s)`);
    const pickupPressure = cpuPressureWindow();
    const pickupTimes: AltTime[] = [];
    const fromResponse: number[] = [];
    for (let i = 0; i < pickups; i++) {
      const result = await upload(withPlugin, jpeg, `pickup-${i}.jpg`);
      const time = await withPlugin.child.call<AltTime>('waitAltText', { id: result.id, timeoutMs: 30_000 });
      pickupTimes.push(time);
      if (time.altAt !== null) fromResponse.push(time.altAt - result.respondedAt);
      await sleep(600);
    }
    const pickup = pickupSummary(pickupTimes);
    const pickupCpuPressure = pickupPressure();
    ctx.log(`    pickup p50 ${pickup.p50} ms, p95 ${pickup.p95} ms`);

    return {
      uploadOverheadRatio: { p50: round(onS.p50 / offS.p50, 3), p95: round(onS.p95 / offS.p95, 3) },
      pickupP50Ms: pickup.p50,
      pickupP95Ms: pickup.p95,
      raw: {
        upload: {
          jpegBytes: jpeg.length,
          pairs,
          seconds: round(seconds, 1),
          machineCpuPressureShare: uploadPressure,
          pluginOnMs: roundSummary(onS, 1),
          pluginOffMs: roundSummary(offS, 1),
          /** 90% bootstrap intervals of the two ratios: how much of them is noise. */
          ratioInterval90: {
            p50: bootstrapRatio(on, off, (v) => percentile(v, 50)).map((x) => round(x, 3)),
            p95: bootstrapRatio(on, off, (v) => percentile(v, 95)).map((x) => round(x, 3)),
          },
          /** Row created → response at the client, ms: the part of the upload after the hook fired. */
          afterRowCreatedMs: tails,
          diagnosticHookOnly: {
            what: 'plugin on, queue paused: the upload inserts its job row, no job runs',
            ms: roundSummary(summarize(hook), 1),
            ratioToOff: { p50: round(summarize(hook).p50 / offS.p50, 3), p95: round(summarize(hook).p95 / offS.p95, 3) },
          },
          baseline: 'the same playground app with the plugin disabled (AUTO_ALT_TEXT_ENABLED=false)',
          /** Upload → alt text for the interleaved uploads themselves (the next upload runs meanwhile). */
          pickupWhileUploadingMs: underLoad,
        },
        pickup: {
          ...pickup,
          measuredFrom: 'file row created (afterCreate) to alt text written (afterUpdate), both timed in the Strapi process',
          fromUploadResponseMs: roundSummary(summarize(fromResponse), 1),
          machineCpuPressureShare: pickupCpuPressure,
        },
      },
    };
  } finally {
    await withoutPlugin.stop();
    await hookOnly.stop();
    await withPlugin.stop();
  }
}
