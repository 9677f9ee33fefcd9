import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { apiFor, registerSuperAdmin, type Api } from '../../reliability/admin';
import { solidPng } from '../../support/images';
import { pluginServices } from '../../support/plugin';
import { uploadThroughApi } from '../../support/upload';
import { waitFor } from '../../support/wait-for';
import { importCsv, spreadsheetCsv } from '../csv/fixtures';

const FILE = 'plugin::upload.file';
const LOCALE_TEXT = 'plugin::auto-alt-text.locale-text';

interface Row {
  id: number;
  alternativeText: string | null;
  flags?: Array<{ code: string; reason: string }>;
}

/**
 * Quality flags (issue 15 item 4) on the playground with locales en and de and the emulator over
 * real HTTP. The emulator answers German requests in English ("[de] A 80×60 PNG image…"), a real
 * wrong-language answer: every German text is flagged WRONG_LANGUAGE, no English one is. The
 * `flagged` filter is SQL (a stale result must not match on any database), so it runs on each.
 */
export const qualitySuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'quality flags', () => {
    const key = `quality-key-${randomBytes(10).toString('hex')}`;
    let emulator: Emulator;
    let app: PlaygroundApp;
    let admin: Api;
    let token: string;
    const [a, b, c] = [0, 1, 2];
    const ids: number[] = [];

    const list = async (query: string): Promise<Row[]> => {
      const response = await admin('GET', `/auto-alt-text/media?pageSize=100&${query}`);
      expect(response.status).toBe(200);
      return response.body.data.rows as Row[];
    };
    const flagged = async (locale: string) => (await list(`filter=flagged&locale=${locale}`)).map((row) => row.id).sort((x, y) => x - y);
    const rowOf = async (id: number, locale: string) => (await list(`locale=${locale}`)).find((row) => row.id === id) as Row;
    const codes = (row: Row) => (row.flags ?? []).map((flag) => flag.code);

    beforeAll(async () => {
      emulator = await startEmulator({ accounts: [{ key, credits: 1000 }] });
      app = await bootPlayground({
        database,
        env: {
          ALT_TEXT_PROVIDER: 'alttextlab',
          ALT_TEXT_API_KEY: key,
          ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
          ALT_TEXT_POLL_INTERVAL_MS: '100',
          ALT_TEXT_REQUESTS_PER_SECOND: '0',
          ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
          ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: ['en', 'de'] }),
        },
      });
      token = await registerSuperAdmin(app);
      admin = apiFor(app, token);
      for (const [index, rgb] of [{ r: 200, g: 0, b: 0 }, { r: 0, g: 200, b: 0 }, { r: 0, g: 0, b: 200 }].entries()) {
        const { files } = await uploadThroughApi(app, { bytes: await solidPng(80, 60, rgb), name: `quality-${index}.png`, mime: 'image/png' });
        ids.push(files[0].id);
      }
      await waitFor('every image described in en and de', async () => {
        const texts = await app.strapi.db.query(LOCALE_TEXT).count({ where: { fileId: { $in: ids } } });
        const files = await app.strapi.db.query(FILE).count({ where: { id: { $in: ids }, alternativeText: { $notNull: true } } });
        return texts === 3 && files === 3 ? true : undefined;
      });
      await pluginServices(app.strapi).queue.idle();
    });
    afterAll(async () => {
      await app?.stop();
      await emulator?.close();
    });
    beforeEach(() => emulator.reset());

    test('a generated German text in English is flagged WRONG_LANGUAGE, in de only; the filter lists exactly those', async () => {
      const german = await rowOf(ids[a], 'de');
      expect(german.alternativeText).toMatch(/^\[de\] A 80×60 image dominated by red/);
      expect(german.flags).toEqual([{ code: 'WRONG_LANGUAGE', reason: 'reads as en, not de' }]);
      expect((await rowOf(ids[a], 'en')).flags).toEqual([]);
      expect(await flagged('de')).toEqual([...ids].sort((x, y) => x - y));
      expect(await flagged('en')).toEqual([]);
    });

    test('an edit that fixes the text clears its flag; an edit that breaks one flags it, with the reasons', async () => {
      const fixed = await admin('PUT', `/auto-alt-text/media/${ids[a]}`, { alternativeText: 'Ein rotes Rechteck auf einer leeren Fläche', locale: 'de' });
      expect(fixed.status).toBe(200);
      expect(fixed.body.data.flags).toEqual([]);
      expect(await flagged('de')).toEqual([ids[b], ids[c]]);

      const broken = await admin('PUT', `/auto-alt-text/media/${ids[b]}`, { alternativeText: 'Image of IMG_2041.jpg', locale: 'en' });
      expect(codes(broken.body.data)).toEqual(['REDUNDANT_PREFIX', 'FILE_NAME']);
      expect(broken.body.data.flags[1].reason).toBe('contains the camera file name "IMG_2041"');
      expect(await flagged('en')).toEqual([ids[b]]);
    });

    test('a text changed outside the plugin (the Media Library) makes the stored result stale: neither shown nor filtered', async () => {
      await app.strapi.db.query(FILE).update({ where: { id: ids[b] }, data: { alternativeText: 'Green rectangle' } });
      expect((await rowOf(ids[b], 'en')).flags).toEqual([]);
      expect(await flagged('en')).toEqual([]);
      await admin('PUT', `/auto-alt-text/media/${ids[b]}`, { alternativeText: 'Image of IMG_2041.jpg', locale: 'en' });
      expect(await flagged('en')).toEqual([ids[b]]);
    });

    test('a run limited to flagged images estimates and sends only their flagged locales: 2 calls, 2 credits', async () => {
      // de flagged: b and c (generated); en flagged: b (a person's edit, kept by a fill run).
      const fill = await admin('POST', '/auto-alt-text/runs/estimate', { scope: { kind: 'flagged' } });
      expect(fill.status).toBe(200);
      expect(fill.body.data).toMatchObject({ images: 2, calls: 2, credits: 2, perLocale: { de: 2 } });
      const overwrite = await admin('POST', '/auto-alt-text/runs/estimate', { scope: { kind: 'flagged' }, mode: 'overwrite' });
      expect(overwrite.body.data).toMatchObject({ images: 2, calls: 3, perLocale: { en: 1, de: 2 } });

      const before = emulator.account(key)?.charged ?? 0;
      const run = await admin('POST', '/auto-alt-text/runs', { scope: { kind: 'flagged' } });
      expect(run.status).toBe(200);
      await waitFor('the run done', async () => ((await admin('GET', `/auto-alt-text/runs/${run.body.data.id}`)).body.data.status === 'done' ? true : undefined));
      await pluginServices(app.strapi).queue.idle();
      expect(emulator.requests.map((request) => request.lang)).toEqual(['de', 'de']);
      expect((emulator.account(key)?.charged ?? 0) - before).toBe(2);
      expect((await rowOf(ids[b], 'en')).alternativeText).toBe('Image of IMG_2041.jpg');
      expect((await rowOf(ids[a], 'de')).alternativeText).toBe('Ein rotes Rechteck auf einer leeren Fläche');
    });

    test("the same text as another image's in the same locale is flagged DUPLICATE", async () => {
      const original = (await rowOf(ids[a], 'en')).alternativeText as string;
      const copy = await admin('PUT', `/auto-alt-text/media/${ids[c]}`, { alternativeText: `  ${original.toUpperCase()} `, locale: 'en' });
      expect(copy.body.data.flags).toContainEqual({ code: 'DUPLICATE', reason: `same text as image #${ids[a]}` });
    });

    test('recheck gives texts the plugin never saw their flags, with no provider call', async () => {
      await app.strapi.db.query(FILE).update({ where: { id: ids[a] }, data: { alternativeText: 'Photo of a dog, see www.example.com' } });
      expect(await flagged('en')).not.toContain(ids[a]);
      const recheck = await admin('POST', '/auto-alt-text/quality/recheck');
      expect(recheck.status).toBe(200);
      expect(recheck.body.data.checked).toBeGreaterThanOrEqual(6);
      expect(codes(await rowOf(ids[a], 'en'))).toEqual(['REDUNDANT_PREFIX', 'URL_OR_HTML']);
      expect(await flagged('en')).toContain(ids[a]);
      expect(emulator.requests).toHaveLength(0);
    });

    test("a CSV import's texts are checked too (in batches, right after the import): a copy and a file name in German", async () => {
      const [first, second] = [(await rowOf(ids[a], 'de')).alternativeText as string, 'Hund, DSC01234'];
      const imported = await importCsv(app, token, spreadsheetCsv([[ids[b], 'quality-1.png', 'de', first, ''], [ids[c], 'quality-2.png', 'de', second, '']]));
      expect(imported.status).toBe(200);
      const flagsOf = async (id: number) => codes(await rowOf(id, 'de'));
      await waitFor('the imported texts checked', async () => ((await flagsOf(ids[c])).length > 0 ? true : undefined));
      expect(await flagsOf(ids[b])).toEqual(['DUPLICATE']);
      expect((await rowOf(ids[b], 'de')).flags?.[0].reason).toBe(`same text as image #${ids[a]}`);
      expect(await flagsOf(ids[c])).toEqual(['FILE_NAME']);
      expect(emulator.requests).toHaveLength(0);
    });

    test('bad input is a 400 naming the field, and nothing runs', async () => {
      const filter = await admin('GET', '/auto-alt-text/media?filter=needs-review');
      expect(filter.status).toBe(400);
      expect(JSON.stringify(filter.body.error.details)).toContain('filter');
      const scope = await admin('POST', '/auto-alt-text/runs/estimate', { scope: { kind: 'flagged', ids: [1] } });
      expect(scope.status).toBe(400);
      const recheck = await admin('POST', '/auto-alt-text/quality/recheck', { everything: true });
      expect(recheck.status).toBe(400);
      expect(JSON.stringify(recheck.body.error.details)).toContain('everything');
      expect(emulator.requests).toHaveLength(0);
    });
  });
