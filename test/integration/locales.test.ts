import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { apiFor, registerSuperAdmin, type Api } from '../reliability/admin';
import { solidPng } from '../support/images';
import { fileRows, pluginServices } from '../support/plugin';
import { uploadThroughApi } from '../support/upload';
import { waitFor } from '../support/wait-for';

/**
 * One image, an alt text per locale: with `locales: 'i18n'` and i18n's en, fr, de, an upload gets
 * three texts (AltTextLab: three calls), `alternativeText` holds the default (English) one, a
 * person's text in one locale survives a fill run in all, coverage is counted per locale, and an
 * estimate counts one credit per image and locale.
 */
const API_KEY = `locales-key-${randomBytes(10).toString('hex')}`;
const LOCALE_TEXT = 'plugin::auto-alt-text.locale-text';

const addLocales = async (app: PlaygroundApp, codes: string[]) => {
  const i18n = app.strapi.plugin('i18n').service('locales') as { create(locale: { code: string; name: string }): Promise<unknown> };
  for (const code of codes) await i18n.create({ code, name: `${code} (${code})` });
};

const textsOf = async (app: PlaygroundApp, fileId: number) => {
  const rows = (await app.strapi.db.query(LOCALE_TEXT).findMany({ where: { fileId } })) as Array<{ locale: string; text: string; source: string }>;
  return Object.fromEntries(rows.map((row) => [row.locale, { text: row.text, source: row.source }]));
};

const upload = async (app: PlaygroundApp, name: string, rgb: { r: number; g: number; b: number }) => {
  const result = await uploadThroughApi(app, { bytes: await solidPng(90, 70, rgb), name, mime: 'image/png' });
  expect(result.status).toBe(201);
  return result.files[0].id;
};

describe('alt text in every locale (AltTextLab: one call per locale)', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let admin: Api;

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
        ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: 'i18n' }),
      },
    });
    await addLocales(app, ['fr', 'de']);
    admin = apiFor(app, await registerSuperAdmin(app));
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });
  beforeEach(() => emulator.reset());

  test('one upload → three texts, three calls with lang en, fr and de; alternativeText holds the English one', async () => {
    const id = await upload(app, 'three-languages.png', { r: 200, g: 100, b: 0 });
    await waitFor('the three texts', async () => (Object.keys(await textsOf(app, id)).length === 2 && (await fileRows(app.strapi, [id]))[0].alternativeText ? true : undefined));
    await pluginServices(app.strapi).queue.idle();
    expect(emulator.requests.map((request) => request.lang).sort()).toEqual(['de', 'en', 'fr']);
    const english = emulator.requests.find((request) => request.lang === 'en')?.result;
    expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe(english);
    const texts = await textsOf(app, id);
    expect(texts.fr).toEqual({ text: emulator.requests.find((request) => request.lang === 'fr')?.result, source: 'generated' });
    expect(texts.de.source).toBe('generated');
    expect(texts.en).toBeUndefined(); // the default locale lives in alternativeText
  });

  test('a person\'s French text survives a fill run in all locales; the media list shows each locale with its own source', async () => {
    const id = await upload(app, 'human-french.png', { r: 0, g: 120, b: 200 });
    await waitFor('the three texts', async () => (Object.keys(await textsOf(app, id)).length === 2 ? true : undefined));
    await pluginServices(app.strapi).queue.idle();
    expect((await admin('PUT', `/auto-alt-text/media/${id}`, { alternativeText: 'Une photo écrite à la main', locale: 'fr' })).status).toBe(200);
    // The English text is cleared: a fill run owes English only.
    await app.strapi.db.query('plugin::upload.file').update({ where: { id }, data: { alternativeText: '' } });
    emulator.reset();

    // Forced: the provider is asked (the cache would answer English for free), so its calls show what the run owes.
    const run = await pluginServices(app.strapi).runs.create({ scope: { kind: 'ids', ids: [id] }, mode: 'fill', force: true });
    await waitFor('the run to finish', async () => ((await pluginServices(app.strapi).runs.get(run.id))?.status === 'done' ? true : undefined));
    expect(emulator.requests.map((request) => request.lang)).toEqual(['en']);
    expect((await textsOf(app, id)).fr).toEqual({ text: 'Une photo écrite à la main', source: 'human' });

    const french = await admin('GET', `/auto-alt-text/media?locale=fr&pageSize=100`);
    expect(french.body.data.rows.find((row: { id: number }) => row.id === id)).toMatchObject({ locale: 'fr', source: 'human', alternativeText: 'Une photo écrite à la main' });
    const human = await admin('GET', `/auto-alt-text/media?locale=fr&filter=human&pageSize=100`);
    expect(human.body.data.rows.map((row: { id: number }) => row.id)).toContain(id);
    const german = await admin('GET', `/auto-alt-text/media?locale=de&pageSize=100`);
    expect(german.body.data.rows.find((row: { id: number }) => row.id === id)).toMatchObject({ locale: 'de', source: 'generated' });
    expect((await admin('GET', '/auto-alt-text/media?locale=xx')).status).toBe(400);
  });

  test('coverage is counted per locale, and an estimate counts one credit per image and locale', async () => {
    await pluginServices(app.strapi).queue.pause('MANUAL', 'the test counts what is owed');
    try {
      const first = await upload(app, 'owed-1.png', { r: 10, g: 10, b: 10 });
      const second = await upload(app, 'owed-2.png', { r: 20, g: 20, b: 20 });
      await app.strapi.db.query(LOCALE_TEXT).create({ data: { fileId: second, locale: 'de', text: 'Ein Bild', source: 'human' } });

      const status = await admin('GET', '/auto-alt-text/status');
      const { locales } = status.body.data.coverage as { locales: Record<string, { missingAltText: number }> };
      expect(Object.keys(locales).sort()).toEqual(['de', 'en', 'fr']);
      expect(locales.de.missingAltText).toBe(locales.fr.missingAltText - 1);

      // Both new images are queued by their uploads: clear those jobs to estimate them as a run would.
      await app.strapi.db.query('plugin::auto-alt-text.job').deleteMany({ where: { fileId: { $in: [first, second] } } });
      const estimate = await admin('POST', '/auto-alt-text/runs/estimate', { scope: { kind: 'ids', ids: [first, second] } });
      expect(estimate.body.data).toMatchObject({ images: 2, calls: 5, credits: 5, perLocale: { en: 2, fr: 2, de: 1 } });
      const german = await admin('POST', '/auto-alt-text/runs/estimate', { scope: { kind: 'ids', ids: [first, second] }, locale: 'de' });
      expect(german.body.data).toMatchObject({ images: 1, calls: 1, perLocale: { de: 1 } });
    } finally {
      await pluginServices(app.strapi).queue.resume();
    }
  });

  test('the entry editor\'s images come with their text in the entry\'s locale when the plugin writes it', async () => {
    const id = await upload(app, 'page-image.png', { r: 90, g: 30, b: 160 });
    await waitFor('the three texts', async () => (Object.keys(await textsOf(app, id)).length === 2 ? true : undefined));
    await pluginServices(app.strapi).queue.idle();
    expect((await admin('PUT', `/auto-alt-text/media/${id}`, { alternativeText: 'Une page en français', locale: 'fr' })).status).toBe(200);
    // The playground's types are not generated: the Document Service is typed by hand here.
    const pages = app.strapi.documents('api::page.page') as unknown as {
      create(params: { data: object; locale: string }): Promise<{ documentId: string }>;
      update(params: { documentId: string; data: object; locale: string }): Promise<unknown>;
    };
    const page = await pages.create({ data: { title: 'Bonjour', image: id }, locale: 'fr' });
    const imagesIn = async (locale?: string) =>
      (await admin('GET', `/auto-alt-text/entries/images?model=api::page.page&documentId=${page.documentId}${locale ? `&locale=${locale}` : ''}`)).body.data.images as Array<{ id: number; locale: string; alternativeText: string; source: string }>;

    expect((await imagesIn('fr')).find((image) => image.id === id)).toMatchObject({ locale: 'fr', alternativeText: 'Une page en français', source: 'human' });
    // The entry's English version: the English text, the plugin's.
    await pages.update({ documentId: page.documentId, locale: 'en', data: { title: 'Hello', image: id } });
    expect((await imagesIn('en')).find((image) => image.id === id)).toMatchObject({ locale: 'en', source: 'generated' });
  });

  test('generating from an entry writes the entry\'s locale only: one credit, and the other locales\' texts untouched', async () => {
    const id = await upload(app, 'entry-locale.png', { r: 30, g: 90, b: 60 });
    await waitFor('the three texts', async () => (Object.keys(await textsOf(app, id)).length === 2 ? true : undefined));
    await pluginServices(app.strapi).queue.idle();
    expect((await admin('PUT', `/auto-alt-text/media/${id}`, { alternativeText: 'Ein Bild, von Hand', locale: 'de' })).status).toBe(200);
    const pages = app.strapi.documents('api::page.page') as unknown as {
      create(params: { data: object; locale: string }): Promise<{ documentId: string }>;
      update(params: { documentId: string; data: object; locale: string }): Promise<unknown>;
    };
    const page = await pages.create({ data: { title: 'Une page', image: id }, locale: 'fr' });
    await pages.update({ documentId: page.documentId, locale: 'de', data: { title: 'Eine Seite', image: id } });
    const before = await textsOf(app, id);
    const english = (await fileRows(app.strapi, [id]))[0].alternativeText;
    emulator.reset();

    const regenerate = await admin('POST', '/auto-alt-text/entries/images/generate', { model: 'api::page.page', documentId: page.documentId, locale: 'fr', fileIds: [id] });
    expect(regenerate.body.data).toEqual({ queued: 1, kept: 0 });
    await waitFor('the French text replaced', async () => ((await textsOf(app, id)).fr.text !== before.fr.text ? true : undefined));
    await pluginServices(app.strapi).queue.idle();
    expect(emulator.requests.map((request) => request.lang)).toEqual(['fr']);
    expect((await textsOf(app, id)).de).toEqual({ text: 'Ein Bild, von Hand', source: 'human' });
    expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe(english);

    // The entry's German version: its locale's text is a person's, so nothing is owed.
    emulator.reset();
    const fill = await admin('POST', '/auto-alt-text/entries/images/generate', { model: 'api::page.page', documentId: page.documentId, locale: 'de' });
    expect(fill.body.data).toEqual({ queued: 0, kept: 1 });
    await pluginServices(app.strapi).queue.idle();
    expect(emulator.requests).toHaveLength(0);
  });

  test('GET /locales names the locales the plugin writes, the default first', async () => {
    const locales = await admin('GET', '/auto-alt-text/locales');
    expect(locales.body.data.locales.map((locale: { code: string; isDefault: boolean }) => [locale.code, locale.isDefault])).toEqual([
      ['en', true],
      ['fr', false],
      ['de', false],
    ]);
  });

  test('a file deleted in the Media Library takes its texts in other locales and its provenance with it', async () => {
    const id = await upload(app, 'deleted-later.png', { r: 10, g: 200, b: 90 });
    await waitFor('the other locales\' texts', async () => (Object.keys(await textsOf(app, id)).length === 2 ? true : undefined));
    await pluginServices(app.strapi).queue.idle();
    const provenanceOf = () => app.strapi.db.query('plugin::auto-alt-text.provenance').findMany({ where: { fileId: id } });
    expect(await provenanceOf()).toHaveLength(1);
    expect((await admin('DELETE', `/upload/files/${id}`)).status).toBe(200);
    expect(await textsOf(app, id)).toEqual({});
    expect(await provenanceOf()).toEqual([]);
  });

  test('a locale added and then deleted in i18n is followed at once, not after the locale cache expires', async () => {
    const codes = async () => (await admin('GET', '/auto-alt-text/locales')).body.data.locales.map((locale: { code: string }) => locale.code);
    expect(await codes()).toEqual(['en', 'fr', 'de']); // read now: the cache holds these for seconds
    await addLocales(app, ['it']);
    expect(await codes()).toEqual(['en', 'fr', 'de', 'it']);
    const i18n = app.strapi.plugin('i18n').service('locales') as { findByCode(code: string): Promise<{ id: number }>; delete(locale: { id: number }): Promise<unknown> };
    await i18n.delete({ id: (await i18n.findByCode('it')).id });
    expect(await codes()).toEqual(['en', 'fr', 'de']);
  });
});

describe('alt text in every locale (OpenAI-compatible: one call answers every language)', () => {
  test('one upload → one call asking for en, fr and de → three texts, each in its language', async () => {
    const emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
    const app = await bootPlayground({
      env: {
        ALT_TEXT_PROVIDER: 'openai',
        ALT_TEXT_API_KEY: API_KEY,
        ALT_TEXT_BASE_URL: emulator.baseUrls.openai,
        ALT_TEXT_MODEL: 'gpt-4o-mini',
        ALT_TEXT_POLL_INTERVAL_MS: '100',
        ALT_TEXT_REQUESTS_PER_SECOND: '0',
        ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
        ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: ['en', 'fr', 'de'] }),
      },
    });
    try {
      const id = await upload(app, 'one-call.png', { r: 90, g: 10, b: 160 });
      await waitFor('the three texts', async () => (Object.keys(await textsOf(app, id)).length === 2 && (await fileRows(app.strapi, [id]))[0].alternativeText ? true : undefined));
      await pluginServices(app.strapi).queue.idle();
      expect(emulator.requests).toHaveLength(1);
      expect(emulator.requests[0].langs).toEqual(['en', 'fr', 'de']);
      const texts = await textsOf(app, id);
      expect(texts.fr.text).toMatch(/^\[fr\] /);
      expect(texts.de.text).toMatch(/^\[de\] /);
      expect((await fileRows(app.strapi, [id]))[0].alternativeText).not.toMatch(/^\[/);
    } finally {
      await app.stop();
      await emulator.close();
    }
  });
});

describe('alt text in every locale (AltTextAI: a language it does not write is skipped before a credit is spent)', () => {
  test('en, fr and sv → two calls (en, fr), sv left out with the reason on the job; one credit per call', async () => {
    const emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 50 }] });
    const app = await bootPlayground({
      env: {
        ALT_TEXT_PROVIDER: 'alttextai',
        ALT_TEXT_API_KEY: API_KEY,
        ALT_TEXT_BASE_URL: emulator.baseUrls.alttextai,
        ALT_TEXT_POLL_INTERVAL_MS: '100',
        ALT_TEXT_REQUESTS_PER_SECOND: '0',
        ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
        ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: ['en', 'fr', 'sv'] }),
      },
    });
    try {
      const id = await upload(app, 'no-swedish.png', { r: 200, g: 200, b: 0 });
      await waitFor('the job done', async () => {
        const jobs = (await app.strapi.db.query('plugin::auto-alt-text.job').findMany({ where: { fileId: id } })) as Array<{ status: string; errorMessage: string | null }>;
        return jobs.find((job) => job.status === 'done');
      });
      await pluginServices(app.strapi).queue.idle();
      expect(emulator.requests.map((request) => request.lang).sort()).toEqual(['en', 'fr']);
      expect(emulator.account(API_KEY)?.charged).toBe(2);
      expect(Object.keys(await textsOf(app, id))).toEqual(['fr']);
      const [job] = (await app.strapi.db.query('plugin::auto-alt-text.job').findMany({ where: { fileId: id } })) as Array<{ errorMessage: string | null }>;
      expect(job.errorMessage).toBe('not written in sv (alttextai does not write sv)');
    } finally {
      await app.stop();
      await emulator.close();
    }
  });
});
