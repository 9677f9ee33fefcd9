import { createHash, randomBytes } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { solidPng } from '../../support/images';
import { fileRows, pluginServices } from '../../support/plugin';
import { uploadThroughApi } from '../../support/upload';
import { waitFor } from '../../support/wait-for';

const API_KEY = `cache-key-${randomBytes(10).toString('hex')}`;
const PROVENANCE_UID = 'plugin::auto-alt-text.provenance';
const FINGERPRINT_UID = 'plugin::auto-alt-text.fingerprint';
const VERSION_UID = 'plugin::auto-alt-text.version';

const paidCalls = (emulator: Emulator) => emulator.requests.filter((request) => request.status === 200).length;

/** Never paying twice for the same pixels (issue 16), on one database: every provider call is counted at the emulator. */
export const cacheSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'the result cache', () => {
    let emulator: Emulator;
    let app: PlaygroundApp;

    const upload = async (bytes: Buffer, name: string) => {
      const result = await uploadThroughApi(app, { bytes, name, mime: 'image/png' });
      expect(result.status).toBe(201);
      return result.files[0].id;
    };
    const textOf = async (id: number) => waitFor(`alt text for #${id}`, async () => (await fileRows(app.strapi, [id]))[0]?.alternativeText ?? undefined, 30000);
    const provenanceOf = async (id: number) => (await app.strapi.db.query(PROVENANCE_UID).findOne({ where: { fileId: id } })) as { source: string; provider: string } | null;
    const idle = () => pluginServices(app.strapi).queue.idle();

    beforeAll(async () => {
      emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 10_000 }] });
      app = await bootPlayground({
        database,
        env: { ALT_TEXT_PROVIDER: 'alttextlab', ALT_TEXT_API_KEY: API_KEY, ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab, ALT_TEXT_POLL_INTERVAL_MS: '100', ALT_TEXT_REQUESTS_PER_SECOND: '0' },
      });
    });
    afterAll(async () => {
      await app?.stop();
      await emulator?.close();
    });
    beforeEach(async () => {
      await idle();
      emulator.reset();
    });

    test('the same bytes uploaded three times under different names: one provider call, three files with its text, two written from the cache', async () => {
      const png = await solidPng(91, 73, { r: 10, g: 120, b: 200 });
      const first = await upload(png, 'logo.png');
      const text = await textOf(first);
      const second = await upload(png, 'logo-copy.png');
      const third = await upload(png, 'logo-final.png');
      expect(await textOf(second)).toBe(text);
      expect(await textOf(third)).toBe(text);
      await idle();
      expect(paidCalls(emulator)).toBe(1);
      expect((await provenanceOf(first))?.source).toBe('generated');
      expect((await provenanceOf(second))?.source).toBe('cache');
      expect((await provenanceOf(third))).toMatchObject({ source: 'cache', provider: 'alttextlab' });
      // History says so too; the media list still counts it as generated (fill runs and replaces treat it as the plugin's).
      const versions = (await app.strapi.db.query(VERSION_UID).findMany({ where: { fileId: third } })) as Array<{ kind: string }>;
      expect(versions.map((version) => version.kind)).toEqual(['cached']);
      const item = (await app.strapi.plugin('auto-alt-text').service('media').items([third])).get(third);
      expect(item.source).toBe('generated');
      // The spending report counts them as free texts, and one credit.
      const spent = await app.strapi.plugin('auto-alt-text').service('budget').spending(1);
      expect(spent.totals).toMatchObject({ calls: 1, credits: 1, cacheHits: 2 });

      // New bytes for one of them (a replace): a new call, for the new bytes only.
      const form = new FormData();
      form.append('files', new Blob([new Uint8Array(await solidPng(91, 73, { r: 200, g: 20, b: 20 }))], { type: 'image/png' }), 'logo-copy.png');
      const replaced = await fetch(`${app.url}/api/upload?id=${second}`, { method: 'POST', headers: { Authorization: `Bearer ${app.apiToken}` }, body: form });
      expect(replaced.status).toBe(200);
      await waitFor('the replaced file described anew', async () => ((await fileRows(app.strapi, [second]))[0].alternativeText !== text ? true : undefined), 30000);
      await idle();
      expect(paidCalls(emulator)).toBe(2);
      expect((await provenanceOf(second))?.source).toBe('generated');
    });

    test('the same bytes three times in one upload request, described at the same moment: one call, the others wait for its answer', async () => {
      emulator.setFaults({ latencyMs: 400 });
      const png = await solidPng(133, 71, { r: 90, g: 10, b: 160 });
      const form = new FormData();
      for (const name of ['team.png', 'team-copy.png', 'team-final.png']) form.append('files', new Blob([new Uint8Array(png)], { type: 'image/png' }), name);
      const response = await fetch(`${app.url}/api/upload`, { method: 'POST', headers: { Authorization: `Bearer ${app.apiToken}` }, body: form });
      expect(response.status).toBe(201);
      const ids = ((await response.json()) as Array<{ id: number }>).map((file) => file.id);
      const texts = await Promise.all(ids.map(textOf));
      await idle();
      emulator.clearFaults();
      expect(new Set(texts).size).toBe(1);
      expect(paidCalls(emulator)).toBe(1);
      const sources = await Promise.all(ids.map(async (id) => (await provenanceOf(id))?.source));
      expect(sources.sort()).toEqual(['cache', 'cache', 'generated']);
    });

    test('an overwrite run with unchanged settings costs nothing the second time; a changed language pays; a forced run pays; Regenerate pays', async () => {
      const services = pluginServices(app.strapi);
      await services.settings.update({ autoOnUpload: false });
      try {
        const ids = [await upload(await solidPng(120, 64, { r: 1, g: 2, b: 3 }), 'run-a.png'), await upload(await solidPng(121, 64, { r: 4, g: 5, b: 6 }), 'run-b.png')];
        const runOf = async (request: Parameters<typeof services.runs.create>[0]) => {
          const run = await services.runs.create(request);
          return waitFor(`run #${run.id} done`, async () => {
            const now = await services.runs.get(run.id);
            return now?.status === 'done' ? now : undefined;
          }, 30000);
        };
        const scope = { kind: 'ids' as const, ids };
        await runOf({ scope, mode: 'overwrite' });
        expect(paidCalls(emulator)).toBe(2);

        const estimate = await services.runs.estimate({ scope, mode: 'overwrite' });
        expect(estimate).toMatchObject({ images: 2, fromCache: 2, calls: 0, credits: 0 });
        const second = await runOf({ scope, mode: 'overwrite' });
        expect(second.counts.done).toBe(2);
        expect(paidCalls(emulator)).toBe(2);

        expect(await services.runs.estimate({ scope, mode: 'overwrite', force: true })).toMatchObject({ fromCache: 0, credits: 2 });
        await runOf({ scope, mode: 'overwrite', force: true });
        expect(paidCalls(emulator)).toBe(4);

        await runOf({ scope, mode: 'overwrite', lang: 'de' });
        expect(paidCalls(emulator)).toBe(6);
        expect(emulator.requests.slice(-2).map((request) => request.lang)).toEqual(['de', 'de']);

        await app.strapi.plugin('auto-alt-text').service('media').regenerate(ids[0]);
        await waitFor('Regenerate to reach the provider', async () => (paidCalls(emulator) === 7 ? true : undefined), 30000);
      } finally {
        await services.settings.update({ autoOnUpload: true });
      }
    });

    test('a deleted file leaves no cached text: the same bytes uploaded after it are paid for', async () => {
      const png = await solidPng(77, 55, { r: 250, g: 250, b: 10 });
      const id = await upload(png, 'gone.png');
      await textOf(id);
      const deleted = await fetch(`${app.url}/api/upload/files/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${app.apiToken}` } });
      expect(deleted.status).toBe(200);
      await waitFor('the fingerprint forgotten', async () => ((await app.strapi.db.query(FINGERPRINT_UID).count({ where: { fileId: id } })) === 0 ? true : undefined));
      const again = await upload(png, 'back.png');
      await textOf(again);
      await idle();
      expect(paidCalls(emulator)).toBe(2);
      expect((await provenanceOf(again))?.source).toBe('generated');
    });

    test("a delete forgets only its own bytes' texts; texts no file has any more go with the pruning", async () => {
      const CACHED_TEXT_UID = 'plugin::auto-alt-text.cached-text';
      const png = await solidPng(83, 61, { r: 30, g: 200, b: 90 });
      const kept = await upload(png, 'kept.png');
      const text = await textOf(kept);
      const copy = await upload(png, 'kept-copy.png');
      expect(await textOf(copy)).toBe(text);
      // A text of bytes no file has (left, say, by a replace): a delete of another file leaves it to the sweep.
      const stray = { cacheKey: `stray-${randomBytes(6).toString('hex')}`, fingerprint: 'sha256:no-file-has-these', settings: 's', lang: 'en', provider: 'alttextlab', text: 'stray', hits: 0, lastUsedAt: new Date() };
      await app.strapi.db.query(CACHED_TEXT_UID).create({ data: stray });

      const deleted = await fetch(`${app.url}/api/upload/files/${copy}`, { method: 'DELETE', headers: { Authorization: `Bearer ${app.apiToken}` } });
      expect(deleted.status).toBe(200);
      await waitFor('the copy\'s fingerprint forgotten', async () => ((await app.strapi.db.query(FINGERPRINT_UID).count({ where: { fileId: copy } })) === 0 ? true : undefined));
      const strayLeft = () => app.strapi.db.query(CACHED_TEXT_UID).count({ where: { cacheKey: stray.cacheKey } });
      expect(await strayLeft()).toBe(1);
      // The bytes are still in the library (the first file): their text stays, and a third copy is free.
      const third = await upload(png, 'kept-again.png');
      expect(await textOf(third)).toBe(text);
      await idle();
      expect(paidCalls(emulator)).toBe(1);

      await pluginServices(app.strapi).queue.pruneFinished();
      expect(await strayLeft()).toBe(0);
    });

    test('an object S3 stored in several parts is fingerprinted by its bytes, and its copy is still free', async () => {
      // Noise does not compress: a 1400 × 1400 PNG is over the 5 MB at which the upload provider goes multipart,
      // once Strapi stores the bytes as sent (its size optimisation would re-encode them with a palette).
      const uploads = app.strapi.plugin('upload').service('upload');
      const settings = await uploads.getSettings();
      await uploads.setSettings({ ...settings, sizeOptimization: false, responsiveDimensions: false });
      const noise = await sharp(randomBytes(1400 * 1400 * 3), { raw: { width: 1400, height: 1400, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
      expect(noise.length).toBeGreaterThan(5 * 1024 * 1024);
      const first = await upload(noise, 'big.png');
      const text = await textOf(first);
      const copy = await upload(noise, 'big-copy.png');
      expect(await textOf(copy)).toBe(text);
      await idle();
      expect(paidCalls(emulator)).toBe(1);

      const [row] = (await app.strapi.db.query('plugin::upload.file').findMany({ where: { id: first } })) as Array<{ hash: string; ext: string }>;
      const s3 = new S3Client({ endpoint: app.data.env.S3_ENDPOINT, region: app.data.env.S3_REGION ?? 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: app.data.env.S3_ACCESS_KEY_ID, secretAccessKey: app.data.env.S3_SECRET_ACCESS_KEY } });
      const key = { Bucket: app.s3.bucket, Key: `${app.s3.rootPath}/${row.hash}${row.ext}` };
      const head = await s3.send(new HeadObjectCommand(key));
      expect(head.ETag).toMatch(/-\d+"?$/);
      const prints = (await app.strapi.db.query(FINGERPRINT_UID).findMany({ where: { fileId: { $in: [first, copy] } } })) as Array<{ fingerprint: string; method: string }>;
      expect(prints.map((print) => print.method)).toEqual(['bytes', 'bytes']);
      expect(prints[0].fingerprint).toBe(prints[1].fingerprint);
      // The stored object's own bytes, hashed here: what the plugin read is what S3 holds.
      const stored = await (await s3.send(new GetObjectCommand(key))).Body!.transformToByteArray();
      expect(prints[0].fingerprint).toBe(`sha256:${createHash('sha256').update(stored).digest('hex')}`);
      await uploads.setSettings(settings);
    });
  });
