import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { importCsv, spreadsheetCsv } from '../csv/fixtures';
import { apiFor, registerSuperAdmin, type Api } from '../../reliability/admin';
import { solidPng } from '../../support/images';
import { fileRows, pluginServices } from '../../support/plugin';
import { uploadThroughApi } from '../../support/upload';
import { waitFor } from '../../support/wait-for';

/**
 * Review before publish with locales ['en', 'fr'] (AltTextLab: one call per locale): with `review:
 * 'new'` an upload's texts are held as suggestions and the image's alt text stays as it was until an
 * editor approves; a fill run pays nothing for them; reject + regenerate pays exactly one call.
 */
const API_KEY = `review-key-${randomBytes(10).toString('hex')}`;
const SUGGESTION = 'plugin::auto-alt-text.suggestion';
const LOCALE_TEXT = 'plugin::auto-alt-text.locale-text';

interface Suggestion {
  id: number;
  fileId: number;
  locale: string;
  text: string;
  image: { alternativeText: string | null; source: string; thumbnailUrl: string | null } | null;
  previewUrl: string | null;
}

export const reviewSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'review before publish (config review)', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let admin: Api;
  let token: string;

  const setReview = async (review: 'off' | 'new' | 'all') => expect((await admin('PUT', '/auto-alt-text/settings', { review })).status).toBe(200);
  const upload = async (name: string, rgb: { r: number; g: number; b: number }) => {
    const result = await uploadThroughApi(app, { bytes: await solidPng(90, 70, rgb), name, mime: 'image/png' });
    expect(result.status).toBe(201);
    return result.files[0].id as number;
  };
  const suggestionsOf = async (fileId: number) =>
    Object.fromEntries(((await app.strapi.db.query(SUGGESTION).findMany({ where: { fileId } })) as Array<{ id: number; locale: string; text: string }>).map((row) => [row.locale, row]));
  const frenchOf = async (fileId: number) => (await app.strapi.db.query(LOCALE_TEXT).findOne({ where: { fileId, locale: 'fr' } })) as { text: string; source: string } | null;
  const englishOf = async (fileId: number) => (await fileRows(app.strapi, [fileId]))[0].alternativeText;
  const reviewPage = async (locale: string) => (await admin('GET', `/auto-alt-text/review?locale=${locale}&pageSize=100`)).body.data as { rows: Suggestion[]; total: number; counts: Record<string, number> };
  const uploadHeldForReview = async (name: string, rgb: { r: number; g: number; b: number }) => {
    const id = await upload(name, rgb);
    await waitFor('both suggestions', async () => (Object.keys(await suggestionsOf(id)).length === 2 ? true : undefined));
    await pluginServices(app.strapi).queue.idle();
    return id;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
    app = await bootPlayground({
      database,
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

  test("review 'off' (the default) writes as before: no suggestion", async () => {
    expect((await admin('GET', '/auto-alt-text/settings')).body.data.values.review).toBe('off');
    const id = await upload('written-at-once.png', { r: 200, g: 10, b: 10 });
    await waitFor('the French text', async () => ((await frenchOf(id)) ? true : undefined));
    await pluginServices(app.strapi).queue.idle();
    expect(await englishOf(id)).toBe(emulator.requests.find((request) => request.lang === 'en')?.result);
    expect(await suggestionsOf(id)).toEqual({});
  });

  test("review 'new': an upload makes a suggestion per locale, the alt text untouched; a fill run pays nothing for them", async () => {
    await setReview('new');
    const id = await uploadHeldForReview('held.png', { r: 10, g: 200, b: 10 });
    expect(emulator.requests.map((request) => request.lang).sort()).toEqual(['en', 'fr']);
    expect(await englishOf(id)).toBeNull();
    expect(await frenchOf(id)).toBeNull();
    const suggestions = await suggestionsOf(id);
    expect(suggestions.en.text).toBe(emulator.requests.find((request) => request.lang === 'en')?.result);

    const english = await reviewPage('en');
    expect(english.counts).toMatchObject({ en: 1, fr: 1 });
    expect(english.rows.find((row) => row.fileId === id)).toMatchObject({ locale: 'en', text: suggestions.en.text, image: { alternativeText: null, source: 'missing' } });
    expect(english.rows.find((row) => row.fileId === id)?.previewUrl).toBeTruthy();
    // The image is still missing its text until someone approves.
    const missing = await admin('GET', '/auto-alt-text/media?filter=missing&pageSize=100');
    expect(missing.body.data.rows.map((row: { id: number }) => row.id)).toContain(id);

    emulator.reset();
    const run = await pluginServices(app.strapi).runs.create({ scope: { kind: 'ids', ids: [id] }, mode: 'fill' });
    await waitFor('the run to finish', async () => ((await pluginServices(app.strapi).runs.get(run.id))?.status === 'done' ? true : undefined));
    expect(emulator.requests).toHaveLength(0);
    expect(emulator.account(API_KEY)?.charged ?? 0).toBe(0);
    const job = (await app.strapi.db.query('plugin::auto-alt-text.job').findOne({ where: { fileId: id }, orderBy: { id: 'desc' } })) as { status: string; errorMessage: string };
    expect(job).toMatchObject({ status: 'skipped', errorMessage: 'awaiting review' });
    expect(await suggestionsOf(id)).toEqual(suggestions);
  });

  test('approve as is writes the plugin\'s text (generated); approve with an edit writes a person\'s (human)', async () => {
    await setReview('new');
    const id = await uploadHeldForReview('approve-me.png', { r: 10, g: 10, b: 200 });
    const { en, fr } = await suggestionsOf(id);

    const approved = await admin('POST', `/auto-alt-text/review/${en.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.data).toEqual({ approved: [en.id] });
    expect(await englishOf(id)).toBe(en.text);
    const media = await admin('GET', '/auto-alt-text/media?pageSize=100');
    expect(media.body.data.rows.find((row: { id: number }) => row.id === id)).toMatchObject({ source: 'generated', alternativeText: en.text });

    const edited = await admin('POST', `/auto-alt-text/review/${fr.id}/approve`, { text: '  Une photo vérifiée à la main ' });
    expect(edited.status).toBe(200);
    expect(await frenchOf(id)).toMatchObject({ text: 'Une photo vérifiée à la main', source: 'human' });
    expect(await suggestionsOf(id)).toEqual({});
    expect((await admin('POST', `/auto-alt-text/review/${fr.id}/approve`, {})).status).toBe(404);
    expect(emulator.requests).toHaveLength(2); // the upload's two calls: approving costs nothing

    // History keeps both approvals, by the admin; a suggestion held for review was no change of its own.
    const kindsIn = async (locale: string) =>
      ((await admin('GET', `/auto-alt-text/media/${id}/history?locale=${locale}`)).body.data.rows as Array<{ kind: string; actor: { kind: string }; provider: string | null; text: string }>).map((version) => [version.kind, version.actor.kind, version.provider, version.text]);
    expect(await kindsIn('en')).toEqual([['approved', 'user', 'alttextlab', en.text]]);
    expect(await kindsIn('fr')).toEqual([['approved', 'user', null, 'Une photo vérifiée à la main']]);
  });

  test('reject + regenerate makes a new suggestion for exactly one more call; reject alone drops it', async () => {
    await setReview('new');
    const id = await uploadHeldForReview('reject-me.png', { r: 120, g: 120, b: 0 });
    const { en, fr } = await suggestionsOf(id);
    emulator.reset();

    const rejected = await admin('POST', `/auto-alt-text/review/${en.id}/reject`, { regenerate: true });
    expect(rejected.body.data).toEqual({ rejected: en.id, queued: true });
    await waitFor('a new English suggestion', async () => ((await suggestionsOf(id)).en ? true : undefined));
    await pluginServices(app.strapi).queue.idle();
    expect(emulator.requests.map((request) => request.lang)).toEqual(['en']);
    expect(emulator.account(API_KEY)?.charged).toBe(1);
    expect((await suggestionsOf(id)).en.id).not.toBe(en.id);
    expect(await englishOf(id)).toBeNull();

    expect((await admin('POST', `/auto-alt-text/review/${fr.id}/reject`, {})).body.data).toEqual({ rejected: fr.id, queued: false });
    expect((await suggestionsOf(id)).fr).toBeUndefined();
    expect(emulator.requests).toHaveLength(1);
  });

  test('approve all on a page writes each as the plugin\'s; ids no longer pending are left out', async () => {
    await setReview('new');
    const first = await uploadHeldForReview('all-1.png', { r: 1, g: 2, b: 3 });
    const second = await uploadHeldForReview('all-2.png', { r: 4, g: 5, b: 6 });
    const ids = [(await suggestionsOf(first)).fr.id, (await suggestionsOf(second)).fr.id];
    const result = await admin('POST', '/auto-alt-text/review/approve', { ids: [...ids, 999999] });
    expect(result.body.data.approved.sort()).toEqual([...ids].sort());
    expect((await frenchOf(first))?.source).toBe('generated');
    expect((await frenchOf(second))?.source).toBe('generated');
    expect(await englishOf(first)).toBeNull(); // the English suggestions still wait
  });

  test("review 'all': Regenerate on an image with text makes a suggestion and leaves the text", async () => {
    await setReview('off');
    const id = await upload('has-text.png', { r: 50, g: 60, b: 70 });
    await waitFor('the French text', async () => ((await frenchOf(id)) ? true : undefined));
    await pluginServices(app.strapi).queue.idle();
    const before = await englishOf(id);
    await setReview('all');
    emulator.reset();
    expect((await admin('POST', `/auto-alt-text/media/${id}/regenerate`, { locale: 'en' })).status).toBe(200);
    await waitFor('the suggestion', async () => ((await suggestionsOf(id)).en ? true : undefined));
    await pluginServices(app.strapi).queue.idle();
    expect(emulator.requests).toHaveLength(1);
    expect(await englishOf(id)).toBe(before);
    const row = (await reviewPage('en')).rows.find((suggestion) => suggestion.fileId === id);
    expect(row?.image).toMatchObject({ alternativeText: before, source: 'generated' });
  });

  test("a person's edit or a CSV import decides the locale: its suggestion is dropped, no call made", async () => {
    await setReview('new');
    const id = await uploadHeldForReview('decided-elsewhere.png', { r: 77, g: 11, b: 140 });
    emulator.reset();
    expect((await admin('PUT', `/auto-alt-text/media/${id}`, { alternativeText: 'A purple square, typed by hand' })).status).toBe(200);
    expect(Object.keys(await suggestionsOf(id))).toEqual(['fr']);
    const imported = await importCsv(app, token, spreadsheetCsv([[id, 'decided-elsewhere.png', 'fr', 'Un carré violet importé', 'imported']]));
    expect(imported.status).toBe(200);
    expect(await suggestionsOf(id)).toEqual({});
    expect((await reviewPage('en')).rows.map((row) => row.fileId)).not.toContain(id);
    expect(emulator.requests).toHaveLength(0);
  });

  test('bad input is a 400 naming the field, and changes nothing', async () => {
    await setReview('new');
    expect((await admin('PUT', '/auto-alt-text/settings', { review: 'sometimes' })).status).toBe(400);
    const id = await uploadHeldForReview('bad-input.png', { r: 9, g: 99, b: 199 });
    const { en } = await suggestionsOf(id);
    const empty = await admin('POST', `/auto-alt-text/review/${en.id}/approve`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.errors[0].path).toEqual(['text']);
    expect((await admin('POST', '/auto-alt-text/review/approve', { ids: [] })).status).toBe(400);
    expect((await admin('POST', `/auto-alt-text/review/${en.id}/reject`, { regenerate: 'yes' })).status).toBe(400);
    expect((await admin('GET', '/auto-alt-text/review?locale=xx')).status).toBe(400);
    expect((await suggestionsOf(id)).en).toEqual(en);
    expect(await englishOf(id)).toBeNull();
  });
});
