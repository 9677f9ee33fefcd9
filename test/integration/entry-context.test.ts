import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { apiFor, registerSuperAdmin, userWithActions, type Api } from '../reliability/admin';
import { heading, imageBlock, paragraph } from '../support/blocks';
import { solidPng } from '../support/images';
import { fileRows, pluginServices } from '../support/plugin';
import { uploadThroughApi } from '../support/upload';
import { sleep, waitFor } from '../support/wait-for';

/**
 * Alt text that fits where the image is used: the entry around an image reaches the provider
 * (through the playground's Article, Page and Product types), an upload can wait for the entry
 * being written around it, an image described before its entry existed is described once more,
 * and the entry's own images can be listed and described from the entry.
 */
const API_KEY = `context-key-${randomBytes(10).toString('hex')}`;
const ARTICLE = 'api::article.article';
const PAGE = 'api::page.page';
const JOB_UID = 'plugin::auto-alt-text.job';

const envFor = (emulator: Emulator, provider: 'alttextlab' | 'openai', entryContext: Record<string, unknown> = {}) => ({
  ALT_TEXT_PROVIDER: provider,
  ALT_TEXT_API_KEY: API_KEY,
  ALT_TEXT_BASE_URL: emulator.baseUrls[provider],
  ...(provider === 'openai' ? { ALT_TEXT_MODEL: 'gpt-4o-mini' } : {}),
  ALT_TEXT_POLL_INTERVAL_MS: '100',
  ALT_TEXT_REQUESTS_PER_SECOND: '0',
  ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
  ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ entryContext }),
});

const upload = async (app: PlaygroundApp, name: string, rgb: { r: number; g: number; b: number }) => {
  const result = await uploadThroughApi(app, { bytes: await solidPng(96, 72, rgb), name, mime: 'image/png' });
  expect(result.status).toBe(201);
  return result.files[0].id;
};

const documents = (app: PlaygroundApp, uid: string) =>
  app.strapi.documents(uid as Parameters<PlaygroundApp['strapi']['documents']>[0]) as unknown as {
    create(args: { data: Record<string, unknown>; locale?: string }): Promise<{ documentId: string; locale?: string }>;
    update(args: { documentId: string; data: Record<string, unknown>; locale?: string }): Promise<{ documentId: string }>;
  };

const trailArticle = (coverId: number, extra: Record<string, unknown> = {}) => ({
  title: 'Blue Ridge trail',
  cover: coverId,
  body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Three days on the ridge, camping by the lake.' }] }],
  seo: { metaTitle: 'Hiking the Blue Ridge', keywords: 'hiking, appalachians, tent' },
  ...extra,
});

const altOf = async (app: PlaygroundApp, id: number) => (await fileRows(app.strapi, [id]))[0].alternativeText;

describe('entry context with AltTextLab (keywords)', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let admin: Api;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
    app = await bootPlayground({ env: { ...envFor(emulator, 'alttextlab'), ALT_TEXT_AUTO_ON_UPLOAD: 'false' } });
    admin = apiFor(app, await registerSuperAdmin(app));
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });
  beforeEach(() => emulator.reset());

  test('an article\'s cover is described with its SEO keywords and title; provenance and the media list say so', async () => {
    const id = await upload(app, 'trail-cover.png', { r: 30, g: 120, b: 60 });
    await documents(app, ARTICLE).create({ data: trailArticle(id) });

    expect((await admin('POST', `/auto-alt-text/media/${id}/regenerate`, {})).status).toBe(200);
    await waitFor('the alt text', async () => (await altOf(app, id)) ?? undefined);
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0].keywords).toEqual(expect.arrayContaining(['hiking', 'appalachians', 'tent']));
    expect((emulator.requests[0].keywords ?? []).join(' ')).toMatch(/Blue|Ridge|trail/);

    const listed = await admin('GET', '/auto-alt-text/media?filter=generated&pageSize=100');
    const row = listed.body.data.rows.find((item: { id: number }) => item.id === id);
    expect(row.generatedBy.context).toEqual({ typeName: 'Article', title: 'Blue Ridge trail' });
  });

  test('the entry\'s images: listed for the entry editor, and described with its context without touching a human\'s text', async () => {
    const cover = await upload(app, 'panel-cover.png', { r: 200, g: 40, b: 40 });
    const figure = await upload(app, 'panel-figure.png', { r: 40, g: 40, b: 200 });
    const article = await documents(app, ARTICLE).create({
      data: trailArticle(cover, { title: 'Panel article', figures: [{ image: figure, caption: 'Our campsite on day three' }] }),
    });
    await app.strapi.db.query('plugin::upload.file').update({ where: { id: figure }, data: { alternativeText: 'Written by a person' } });

    const listed = await admin('GET', `/auto-alt-text/entries/images?model=${ARTICLE}&documentId=${article.documentId}`);
    expect(listed.status).toBe(200);
    const images = listed.body.data.images as Array<{ id: number; source: string; field: string }>;
    expect(images.map((image) => image.id).sort()).toEqual([cover, figure].sort());
    expect(images.find((image) => image.id === figure)?.source).toBe('human');

    const all = await admin('POST', '/auto-alt-text/entries/images/generate', { model: ARTICLE, documentId: article.documentId });
    expect(all.body.data).toEqual({ queued: 1, kept: 1 });
    await waitFor('the cover\'s alt text', async () => (await altOf(app, cover)) ?? undefined);
    await pluginServices(app.strapi).queue.idle();
    expect(await altOf(app, figure)).toBe('Written by a person');
    expect(emulator.requests).toHaveLength(1);

    const one = await admin('POST', '/auto-alt-text/entries/images/generate', { model: ARTICLE, documentId: article.documentId, fileIds: [figure] });
    expect(one.body.data).toEqual({ queued: 1, kept: 0 });
    await waitFor('the figure rewritten on request', async () => ((await altOf(app, figure)) !== 'Written by a person' ? true : undefined));
    expect(emulator.requests).toHaveLength(2);

    const foreign = await admin('POST', '/auto-alt-text/entries/images/generate', { model: ARTICLE, documentId: article.documentId, fileIds: [999999] });
    expect(foreign.status).toBe(400);
    expect((await admin('GET', '/auto-alt-text/entries/images?model=plugin::upload.file&documentId=x')).status).toBe(400);
  });

  test('the entry panel follows the permissions: Read lists, only Generate describes', async () => {
    const reader = apiFor(app, await userWithActions(app, admin, ['plugin::auto-alt-text.read'], 'entry-reader@example.com'));
    const id = await upload(app, 'rbac.png', { r: 10, g: 10, b: 10 });
    const article = await documents(app, ARTICLE).create({ data: trailArticle(id, { title: 'RBAC article' }) });
    expect((await reader('GET', `/auto-alt-text/entries/images?model=${ARTICLE}&documentId=${article.documentId}`)).status).toBe(200);
    expect((await reader('POST', '/auto-alt-text/entries/images/generate', { model: ARTICLE, documentId: article.documentId })).status).toBe(403);
    expect((await apiFor(app)('GET', `/auto-alt-text/entries/images?model=${ARTICLE}&documentId=${article.documentId}`)).status).toBe(401);
  });

  test('a run over selected entries: estimated, then each image described with its entry\'s context', async () => {
    const a = await upload(app, 'run-a.png', { r: 250, g: 200, b: 0 });
    const b = await upload(app, 'run-b.png', { r: 0, g: 200, b: 250 });
    const first = await documents(app, ARTICLE).create({ data: trailArticle(a, { title: 'First run article' }) });
    const second = await documents(app, ARTICLE).create({ data: trailArticle(b, { title: 'Second run article', seo: { keywords: 'kayak' } }) });
    const scope = { kind: 'entries', model: ARTICLE, documentIds: [first.documentId, second.documentId] };

    const estimate = await admin('POST', '/auto-alt-text/runs/estimate', { scope });
    expect(estimate.body.data).toMatchObject({ images: 2, credits: 2 });
    const created = await admin('POST', '/auto-alt-text/runs', { scope });
    await waitFor('the run to finish', async () => {
      const run = await admin('GET', `/auto-alt-text/runs/${created.body.data.id}`);
      return run.body.data.status === 'done' ? true : undefined;
    });
    expect(emulator.requests).toHaveLength(2);
    const kayak = emulator.requests.find((request) => (request.keywords ?? []).includes('kayak'));
    expect(kayak).toBeDefined();
  });
});

describe('entry context with an OpenAI-compatible model (the prompt)', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
    app = await bootPlayground({ env: { ...envFor(emulator, 'openai'), ALT_TEXT_AUTO_ON_UPLOAD: 'false' } });
    const i18n = app.strapi.plugin('i18n').service('locales') as { create(locale: { code: string; name: string }): Promise<unknown> };
    await i18n.create({ code: 'fr', name: 'French (fr)' });
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });
  beforeEach(() => emulator.reset());

  test('the prompt carries the entry\'s type, title, the text next to the image and where it links', async () => {
    const id = await upload(app, 'figure.png', { r: 90, g: 60, b: 30 });
    await documents(app, ARTICLE).create({
      data: { title: 'Blue Ridge trail', figures: [{ image: id, caption: 'Our campsite on day three', link: 'https://example.com/campsites' }] },
    });
    await pluginServices(app.strapi).queue.request(id, { reason: 'manual', mode: 'overwrite', lang: null });
    await waitFor('the alt text', async () => (await altOf(app, id)) ?? undefined);
    const prompt = emulator.requests[0].prompt ?? '';
    for (const expected of ['Article', 'Blue Ridge trail', 'Our campsite on day three', 'https://example.com/campsites']) expect(prompt).toContain(expected);
  });

  test('an article\'s cover that its Blocks body also shows: the prompt carries the title and the paragraph next to it', async () => {
    const id = await upload(app, 'cover-in-body.png', { r: 30, g: 90, b: 140 });
    const [file] = (await app.strapi.db.query('plugin::upload.file').findMany({ where: { id } })) as Array<Record<string, unknown>>;
    await documents(app, ARTICLE).create({
      data: {
        title: 'Blue Ridge trail',
        cover: id,
        body: [heading('Day three'), paragraph('We pitched the tent by the lake at dusk.'), imageBlock(file), paragraph('The water was still.')],
      },
    });
    await pluginServices(app.strapi).queue.request(id, { reason: 'manual', mode: 'overwrite', lang: null });
    await waitFor('the alt text', async () => (await altOf(app, id)) ?? undefined);
    const prompt = emulator.requests[0].prompt ?? '';
    for (const expected of ['Blue Ridge trail', 'We pitched the tent by the lake at dusk.']) expect(prompt).toContain(expected);
    expect(await altOf(app, id)).toContain('Blue Ridge trail');
  });

  test('an image used by a French entry is described in French', async () => {
    const id = await upload(app, 'page-fr.png', { r: 20, g: 20, b: 160 });
    await documents(app, PAGE).create({ locale: 'fr', data: { title: 'Sentier des crêtes', image: id } });
    await pluginServices(app.strapi).queue.request(id, { reason: 'manual', mode: 'overwrite', lang: null });
    await waitFor('the alt text', async () => (await altOf(app, id)) ?? undefined);
    expect(emulator.requests[0].prompt ?? '').toMatch(/\bfr\b|French|français/i);
  });
});

describe('when context is used: waiting for the entry, and upgrading text written without it', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  test('waitSeconds: an image saved into an entry within the wait costs exactly one call, with that entry\'s context', async () => {
    const app = await bootPlayground({ env: envFor(emulator, 'alttextlab', { waitSeconds: 3 }) });
    try {
      const id = await upload(app, 'waited.png', { r: 60, g: 160, b: 90 });
      await documents(app, ARTICLE).create({ data: trailArticle(id) });
      await sleep(1000);
      expect(emulator.requests).toHaveLength(0); // still waiting for the entry
      await waitFor('the alt text', async () => (await altOf(app, id)) ?? undefined, 15000);
      await pluginServices(app.strapi).queue.idle();
      expect(emulator.requests).toHaveLength(1);
      expect(emulator.requests[0].keywords).toEqual(expect.arrayContaining(['hiking']));
    } finally {
      await app.stop();
    }
  });

  test('upgrade: an image described from its pixels, then saved into an entry, is described once more with it — once', async () => {
    const app = await bootPlayground({ env: envFor(emulator, 'alttextlab', { upgrade: true }) });
    try {
      const id = await upload(app, 'early.png', { r: 160, g: 60, b: 90 });
      await waitFor('the pixels-only alt text', async () => (await altOf(app, id)) ?? undefined);
      await pluginServices(app.strapi).queue.idle();
      expect(emulator.requests).toHaveLength(1);
      expect(emulator.requests[0].keywords ?? []).not.toContain('hiking');

      const article = await documents(app, ARTICLE).create({ data: trailArticle(id) });
      await waitFor('a second call, with the entry\'s context', async () => (emulator.requests.length >= 2 ? true : undefined), 15000);
      await pluginServices(app.strapi).queue.idle();
      expect(emulator.requests[1].keywords).toEqual(expect.arrayContaining(['hiking']));

      await documents(app, ARTICLE).update({ documentId: article.documentId, data: { title: 'Blue Ridge trail, revised' } });
      await sleep(1500);
      await pluginServices(app.strapi).queue.idle();
      expect(emulator.requests).toHaveLength(2);
      const jobs = (await app.strapi.db.query(JOB_UID).findMany({ where: { fileId: id } })) as Array<{ reason: string }>;
      expect(jobs.map((job) => job.reason)).toEqual(['upload', 'context']);
    } finally {
      await app.stop();
    }
  });

  test('entryContext.ecommerce: a product\'s mapped fields reach AltTextLab as its ecommerce object', async () => {
    const ecommerce = { 'api::product.product': { product: 'name', brand: 'brand', color: 'colour' } };
    const app = await bootPlayground({ env: { ...envFor(emulator, 'alttextlab', { ecommerce }), ALT_TEXT_AUTO_ON_UPLOAD: 'false' } });
    try {
      const id = await upload(app, 'boot.png', { r: 120, g: 80, b: 40 });
      await documents(app, 'api::product.product').create({ data: { name: 'Trail Runner 2', brand: 'Acme', colour: 'brown', photos: [id] } });
      await pluginServices(app.strapi).queue.request(id, { reason: 'manual', mode: 'overwrite', lang: null });
      await waitFor('the alt text', async () => (await altOf(app, id)) ?? undefined);
      expect(emulator.requests[0].ecommerce).toEqual({ product: 'Trail Runner 2', brand: 'Acme', color: 'brown' });
      expect(await altOf(app, id)).toContain('Trail Runner 2');
    } finally {
      await app.stop();
    }
  });

  test('upgrade never touches a human\'s text', async () => {
    const app = await bootPlayground({ env: envFor(emulator, 'alttextlab', { upgrade: true }) });
    try {
      const id = await upload(app, 'human.png', { r: 5, g: 90, b: 200 });
      await waitFor('the pixels-only alt text', async () => (await altOf(app, id)) ?? undefined);
      await app.strapi.db.query('plugin::upload.file').update({ where: { id }, data: { alternativeText: 'A person wrote this' } });
      await documents(app, ARTICLE).create({ data: trailArticle(id) });
      await sleep(1500);
      await pluginServices(app.strapi).queue.idle();
      expect(emulator.requests).toHaveLength(1);
      expect(await altOf(app, id)).toBe('A person wrote this');
    } finally {
      await app.stop();
    }
  });
});
