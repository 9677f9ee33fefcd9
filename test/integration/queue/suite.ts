import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { solidPng } from '../../support/images';
import { fileRows, pluginServices } from '../../support/plugin';
import { seedImages } from '../../support/seed';
import { uploadThroughApi } from '../../support/upload';
import { waitFor } from '../../support/wait-for';

const API_KEY = `queue-key-${randomBytes(10).toString('hex')}`;

const baseEnv = (emulator: Emulator) => ({
  ALT_TEXT_PROVIDER: 'alttextlab',
  ALT_TEXT_API_KEY: API_KEY,
  ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
  ALT_TEXT_CONCURRENCY: '4',
  ALT_TEXT_REQUESTS_PER_SECOND: '0',
  ALT_TEXT_POLL_INTERVAL_MS: '100',
  ALT_TEXT_RETRY_BASE_MS: '100',
  ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
});

const allHaveAltText = async (app: PlaygroundApp, ids: number[]) =>
  (await fileRows(app.strapi, ids)).every((row) => !!row.alternativeText) ? true : undefined;

/** The durable queue on one database; each database has its own file (queue-*.test.ts) so jest runs them in parallel. */
export const queueSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'the durable queue', () => {
    let emulator: Emulator;

    beforeAll(async () => {
      emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 10_000 }] });
    });
    afterAll(() => emulator.close());
    beforeEach(() => emulator.reset());

    test('a bulk run of 60 images survives a restart in the middle: every image gets alt text, each is charged once', async () => {
      emulator.setFaults({ latencyMs: 60 });
      let app = await bootPlayground({ database, env: { ...baseEnv(emulator), ALT_TEXT_AUTO_ON_UPLOAD: 'false', ALT_TEXT_CONCURRENCY: '2' } });
      const ids = await seedImages(app, 60);
      expect(emulator.requests).toHaveLength(0);

      const estimate = await pluginServices(app.strapi).runs.estimate({ scope: { kind: 'missing' } });
      expect(estimate.images).toBe(60);
      const run = await pluginServices(app.strapi).runs.create({ scope: { kind: 'missing' } });
      await waitFor('a quarter of the run to be done', async () => ((await pluginServices(app.strapi).runs.get(run.id))!.counts.done >= 15 ? true : undefined));
      const doneBeforeStop = (await pluginServices(app.strapi).runs.get(run.id))!.counts.done;
      await app.stop({ keepData: true });
      expect(doneBeforeStop).toBeLessThan(60);

      app = await bootPlayground({ env: { ...baseEnv(emulator), ALT_TEXT_AUTO_ON_UPLOAD: 'false' }, reuse: app.data });
      try {
        await waitFor('the run to finish after the restart', async () =>
          (await pluginServices(app.strapi).runs.get(run.id))!.status === 'done' ? true : undefined, 60000);
        const finished = (await pluginServices(app.strapi).runs.get(run.id))!;
        expect(finished.counts).toMatchObject({ total: 60, done: 60, failed: 0, pending: 0 });
        expect(await allHaveAltText(app, ids)).toBe(true);
        expect(emulator.account(API_KEY)?.charged).toBe(60);
        const paths = emulator.requests.filter((r) => r.status === 200).map((r) => new URL(r.imageUrl as string).pathname);
        expect(new Set(paths).size).toBe(60);
      } finally {
        await app.stop();
      }
    });

    describe('with one running app', () => {
      let app: PlaygroundApp;
      beforeAll(async () => {
        app = await bootPlayground({ database, env: baseEnv(emulator) });
      });
      afterAll(() => app.stop());
      beforeEach(async () => {
        await pluginServices(app.strapi).queue.idle();
        await pluginServices(app.strapi).queue.resume();
      });

      test('a 429 with Retry-After is waited out, then the image gets its alt text', async () => {
        emulator.setFaults({ status: 429, retryAfterSeconds: 1, times: 1 });
        const png = await solidPng(70, 70, { r: 200, g: 0, b: 100 });
        const { files } = await uploadThroughApi(app, { bytes: png, name: 'limited.png', mime: 'image/png' });

        await waitFor('alt text after the rate limit', async () => (await fileRows(app.strapi, [files[0].id]))[0].alternativeText ?? undefined);
        const [limited, served] = emulator.requests;
        expect(limited.status).toBe(429);
        expect(served.status).toBe(200);
        expect(served.at - limited.at).toBeGreaterThanOrEqual(950);
      });

      test('running out of credits pauses the queue with the rest pending, and it finishes once credits return', async () => {
        emulator.setFaults({ creditsAfter: 3 }, { key: API_KEY });
        const before = emulator.account(API_KEY)!.charged;
        const ids = await seedImages(app, 8, 'credits');

        await waitFor('the queue to pause', async () => ((await pluginServices(app.strapi).queue.getState()).paused ? true : undefined));
        await pluginServices(app.strapi).queue.idle();
        const state = await pluginServices(app.strapi).queue.getState();
        expect(state).toMatchObject({ paused: true, reason: 'OUT_OF_CREDITS' });
        const rows = await fileRows(app.strapi, ids);
        expect(rows.filter((row) => row.alternativeText)).toHaveLength(3);
        expect((await pluginServices(app.strapi).queue.stats()).jobs.pending).toBe(5);

        emulator.addAccount({ key: API_KEY, credits: 100 });
        expect(await pluginServices(app.strapi).queue.probeCredits()).toBe(true);
        await waitFor('the other five images', () => allHaveAltText(app, ids));
        expect(emulator.account(API_KEY)!.charged - before).toBe(8);
      });

      test('a fill run keeps human alt text and replaces alt text that is only the file name', async () => {
        // Seed without auto generation, switched off the way an admin would (a second app in one
        // process is not possible: Strapi's registries are global).
        await pluginServices(app.strapi).settings.update({ autoOnUpload: false });
        const off = app;
        try {
          const [human, named, stem, empty] = await seedImages(off, 4, 'policy');
          const files = off.strapi.db.query('plugin::upload.file');
          await files.update({ where: { id: human }, data: { alternativeText: 'Our CEO on stage at the 2024 keynote' } });
          await files.update({ where: { id: named }, data: { alternativeText: 'policy-1.png' } });
          await files.update({ where: { id: stem }, data: { alternativeText: 'policy-2' } });
          await files.update({ where: { id: empty }, data: { alternativeText: '  ' } });

          const scope = { kind: 'ids' as const, ids: [human, named, stem, empty] };
          const estimate = await pluginServices(off.strapi).runs.estimate({ scope, mode: 'fill' });
          expect(estimate).toMatchObject({ images: 3, skipped: { 'already has alt text': 1 } });
          const run = await pluginServices(off.strapi).runs.create({ scope, mode: 'fill' });
          await waitFor('the run to finish', async () => ((await pluginServices(off.strapi).runs.get(run.id))!.status === 'done' ? true : undefined));

          const byId = new Map((await fileRows(off.strapi, [human, named, stem, empty])).map((row) => [row.id, row.alternativeText]));
          expect(byId.get(human)).toBe('Our CEO on stage at the 2024 keynote');
          for (const id of [named, stem, empty]) expect(byId.get(id)).toMatch(/^A \d+×60 image dominated by/);
        } finally {
          await pluginServices(app.strapi).settings.update({ autoOnUpload: true });
        }
      });

      test('replacing a file’s bytes refreshes alt text the plugin wrote, but not alt text a human wrote', async () => {
        const original = await solidPng(90, 60, { r: 0, g: 0, b: 0 });
        const { files } = await uploadThroughApi(app, { bytes: original, name: 'swap.png', mime: 'image/png' });
        const id = files[0].id;
        await waitFor('first alt text', async () => (await fileRows(app.strapi, [id]))[0].alternativeText ?? undefined);

        const replacement = await solidPng(120, 60, { r: 255, g: 255, b: 255 });
        const form = new FormData();
        form.append('files', new Blob([new Uint8Array(replacement)], { type: 'image/png' }), 'swap.png');
        const replaced = await fetch(`${app.url}/api/upload?id=${id}`, { method: 'POST', headers: { Authorization: `Bearer ${app.apiToken}` }, body: form });
        expect(replaced.status).toBe(200);
        const refreshed = await waitFor('refreshed alt text', async () => {
          const text = (await fileRows(app.strapi, [id]))[0].alternativeText;
          return text?.startsWith('A 120×60') ? text : undefined;
        });
        expect(refreshed).toMatch(/white/);

        await app.strapi.db.query('plugin::upload.file').update({ where: { id }, data: { alternativeText: 'Hand-written description' } });
        const form2 = new FormData();
        form2.append('files', new Blob([new Uint8Array(original)], { type: 'image/png' }), 'swap.png');
        await fetch(`${app.url}/api/upload?id=${id}`, { method: 'POST', headers: { Authorization: `Bearer ${app.apiToken}` }, body: form2 });
        await pluginServices(app.strapi).queue.idle();
        expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe('Hand-written description');
      });
    });
  });
