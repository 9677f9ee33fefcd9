import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../../emulator/server';
import type { AltTextVersionView } from '../../../shared/contracts/history';
import { PERMISSIONS } from '../../../shared/permissions';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { apiFor, registerSuperAdmin, userWithActions, type Api } from '../../reliability/admin';
import { solidPng } from '../../support/images';
import { fileRows, pluginServices } from '../../support/plugin';
import { uploadThroughApi } from '../../support/upload';
import { waitFor } from '../../support/wait-for';
import { importCsv, seedImages, spreadsheetCsv, VERSION } from '../csv/fixtures';

/**
 * History and undo against the real app (SQLite, AltTextLab over real HTTP, locales en + fr): every
 * change of an image's text is a version, a revert restores one as a person's choice, and history
 * costs no provider call of its own.
 */
const API_KEY = `history-key-${randomBytes(10).toString('hex')}`;
const ADMIN_NAME = 'Rel Admin';

describe('alt-text history and undo', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let admin: Api;
  let token: string;

  const history = async (id: number, query = ''): Promise<{ rows: AltTextVersionView[]; total: number; locale: string; currentText: string | null }> => {
    const response = await admin('GET', `/auto-alt-text/media/${id}/history${query}`);
    expect(response.status).toBe(200);
    return response.body.data;
  };
  const brief = (rows: AltTextVersionView[]) => rows.map((row) => [row.kind, row.text, row.actor.kind === 'system' ? 'system' : row.actor.name, row.current]);

  const uploadAndDescribe = async (name: string, rgb: { r: number; g: number; b: number }) => {
    const result = await uploadThroughApi(app, { bytes: await solidPng(80, 60, rgb), name, mime: 'image/png' });
    expect(result.status).toBe(201);
    const id = result.files[0].id as number;
    await waitFor('both locales described', async () => ((await app.strapi.db.query(VERSION).count({ where: { fileId: id } })) === 2 ? true : undefined));
    await pluginServices(app.strapi).queue.idle();
    return id;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
    app = await bootPlayground({
      env: {
        ALT_TEXT_PROVIDER: 'alttextlab',
        ALT_TEXT_API_KEY: API_KEY,
        ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
        ALT_TEXT_POLL_INTERVAL_MS: '100',
        ALT_TEXT_REQUESTS_PER_SECOND: '0',
        ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
        ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: ['en', 'fr'] }),
      },
    });
    token = await registerSuperAdmin(app);
    admin = apiFor(app, token);
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });
  beforeEach(() => emulator.reset());

  test('generate → edit → revert: the generated text is back, three versions, and a replace no longer refreshes it', async () => {
    const id = await uploadAndDescribe('history-undo.png', { r: 10, g: 140, b: 90 });
    const generated = emulator.requests.find((request) => request.lang === 'en')?.result as string;
    expect(emulator.account(API_KEY)?.charged).toBe(2); // en + fr: the upload's own calls

    expect((await admin('PUT', `/auto-alt-text/media/${id}`, { alternativeText: 'A green square, typed by a person' })).status).toBe(200);
    const [edited, first] = (await history(id)).rows;
    expect(first).toMatchObject({ kind: 'generated', text: generated, actor: { kind: 'provider', name: 'alttextlab' }, provider: 'alttextlab', lang: 'en', current: false });
    expect(edited).toMatchObject({ kind: 'edited', actor: { kind: 'user', name: ADMIN_NAME }, current: true });

    const reverted = await admin('POST', `/auto-alt-text/media/${id}/revert`, { versionId: first.id });
    expect(reverted.status).toBe(200);
    expect(reverted.body.data).toMatchObject({ kind: 'reverted', text: generated, actor: { kind: 'user', name: ADMIN_NAME }, current: true });
    expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe(generated);
    const after = await history(id);
    expect(after.total).toBe(3);
    expect(brief(after.rows)).toEqual([
      ['reverted', generated, ADMIN_NAME, true],
      ['edited', 'A green square, typed by a person', ADMIN_NAME, false],
      ['generated', generated, 'alttextlab', false],
    ]);
    expect(after.currentText).toBe(generated);

    // A person chose it: the list says so, and new bytes (reason `replace`, fill) leave it alone — no call.
    const listed = await admin('GET', `/auto-alt-text/media?search=history-undo`);
    expect(listed.body.data.rows[0]).toMatchObject({ id, source: 'human', alternativeText: generated });
    const calls = emulator.requests.length;
    await pluginServices(app.strapi).queue.request(id, { reason: 'replace', mode: 'fill', lang: null, locales: ['en'] });
    await pluginServices(app.strapi).queue.idle();
    expect(emulator.requests).toHaveLength(calls);
    expect(emulator.account(API_KEY)?.charged).toBe(2);
    expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe(generated);
  });

  test('each locale has its own history; a revert in French leaves English alone', async () => {
    const id = await uploadAndDescribe('history-locales.png', { r: 200, g: 30, b: 30 });
    const french = emulator.requests.find((request) => request.lang === 'fr')?.result as string;
    expect((await admin('PUT', `/auto-alt-text/media/${id}`, { alternativeText: 'Un carré rouge', locale: 'fr' })).status).toBe(200);
    const fr = await history(id, '?locale=fr');
    expect(fr.locale).toBe('fr');
    expect(brief(fr.rows)).toEqual([
      ['edited', 'Un carré rouge', ADMIN_NAME, true],
      ['generated', french, 'alttextlab', false],
    ]);
    expect(fr.rows[1].lang).toBe('fr');
    expect((await admin('POST', `/auto-alt-text/media/${id}/revert`, { versionId: fr.rows[1].id })).status).toBe(200);
    const localeText = await app.strapi.db.query('plugin::auto-alt-text.locale-text').findOne({ where: { fileId: id, locale: 'fr' } });
    expect(localeText).toMatchObject({ text: french, source: 'human' });
    const en = await history(id);
    expect(brief(en.rows).map(([kind]) => kind)).toEqual(['generated']);
    expect(en.rows[0].current).toBe(true);
  });

  test('a text typed before the plugin\'s first change is kept as the original version, and can be restored', async () => {
    const [id] = await seedImages(app.strapi, 1, 'history-original', { alternativeText: 'Typed in the Media Library' });
    expect((await admin('PUT', `/auto-alt-text/media/${id}`, { alternativeText: 'Edited in the plugin' })).status).toBe(200);
    const rows = (await history(id)).rows;
    expect(brief(rows)).toEqual([
      ['edited', 'Edited in the plugin', ADMIN_NAME, true],
      ['original', 'Typed in the Media Library', 'system', false],
    ]);
    expect((await admin('PUT', `/auto-alt-text/media/${id}`, { alternativeText: 'Edited again' })).status).toBe(200);
    expect((await history(id)).rows.filter((row) => row.kind === 'original')).toHaveLength(1); // once, not per change
    expect((await admin('POST', `/auto-alt-text/media/${id}/revert`, { versionId: rows[1].id })).status).toBe(200);
    expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe('Typed in the Media Library');
    expect(emulator.requests).toHaveLength(0);
  });

  test('a CSV import makes one imported version per row (with the original of a text it replaced)', async () => {
    const [typed, empty] = await seedImages(app.strapi, 2, 'history-csv');
    await app.strapi.db.query('plugin::upload.file').update({ where: { id: typed }, data: { alternativeText: 'Hand-written before' } });
    const imported = await importCsv(app, token, spreadsheetCsv([[typed, 'history-csv-0.png', 'en', 'Imported one', ''], [empty, 'history-csv-1.png', 'fr', 'Importé deux', '']]));
    expect(imported.body.data).toMatchObject({ written: 2 });
    expect(brief((await history(typed)).rows)).toEqual([
      ['imported', 'Imported one', ADMIN_NAME, true],
      ['original', 'Hand-written before', 'system', false],
    ]);
    expect(brief((await history(empty, '?locale=fr')).rows)).toEqual([['imported', 'Importé deux', ADMIN_NAME, true]]);
    expect(emulator.requests).toHaveLength(0);
  });

  test('bad input is refused with field errors and changes nothing', async () => {
    const [mine, other] = await seedImages(app.strapi, 2, 'history-bad');
    await admin('PUT', `/auto-alt-text/media/${mine}`, { alternativeText: 'Mine' });
    await admin('PUT', `/auto-alt-text/media/${other}`, { alternativeText: 'Other' });
    const otherVersion = (await history(other)).rows[0];

    const foreign = await admin('POST', `/auto-alt-text/media/${mine}/revert`, { versionId: otherVersion.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({ name: 'ValidationError', details: { errors: [expect.objectContaining({ path: ['versionId'] })] } });
    expect((await fileRows(app.strapi, [mine]))[0].alternativeText).toBe('Mine');
    expect((await history(mine)).total).toBe(1);

    expect((await admin('POST', `/auto-alt-text/media/${mine}/revert`, {})).status).toBe(400);
    expect((await admin('POST', `/auto-alt-text/media/${mine}/revert`, { versionId: 'one' })).status).toBe(400);
    expect((await admin('POST', `/auto-alt-text/media/${mine}/revert`, { versionId: otherVersion.id, extra: 1 })).status).toBe(400);
    expect((await admin('GET', `/auto-alt-text/media/${mine}/history?pageSize=0`)).status).toBe(400);
    expect((await admin('GET', `/auto-alt-text/media/${mine}/history?locale=de`)).status).toBe(400);
    expect((await admin('GET', `/auto-alt-text/media/999999/history`)).status).toBe(404);
    expect((await admin('POST', `/auto-alt-text/media/999999/revert`, { versionId: otherVersion.id })).status).toBe(404);
  });

  test('Read may read history but not revert (403, nothing changed)', async () => {
    const [id] = await seedImages(app.strapi, 1, 'history-reader');
    await admin('PUT', `/auto-alt-text/media/${id}`, { alternativeText: 'First' });
    await admin('PUT', `/auto-alt-text/media/${id}`, { alternativeText: 'Second' });
    const reader = apiFor(app, await userWithActions(app, admin, [PERMISSIONS.read], 'history-reader@example.com'));
    const read = await reader('GET', `/auto-alt-text/media/${id}/history`);
    expect(read.status).toBe(200);
    expect(read.body.data.total).toBe(2);
    expect((await reader('POST', `/auto-alt-text/media/${id}/revert`, { versionId: read.body.data.rows[1].id })).status).toBe(403);
    expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe('Second');
  });

  test('a deleted file takes its versions with it', async () => {
    const [id] = await seedImages(app.strapi, 1, 'history-deleted');
    await admin('PUT', `/auto-alt-text/media/${id}`, { alternativeText: 'Soon gone' });
    expect(await app.strapi.db.query(VERSION).count({ where: { fileId: id } })).toBe(1);
    const [row] = await fileRows(app.strapi, [id]);
    await app.strapi.plugin('upload').service('upload').remove(row);
    await waitFor('the versions forgotten', async () => ((await app.strapi.db.query(VERSION).count({ where: { fileId: id } })) === 0 ? true : undefined));
  });
});
