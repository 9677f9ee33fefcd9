import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { apiFor, registerSuperAdmin, type Api } from '../../reliability/admin';
import { solidPng } from '../../support/images';
import { fileRows, pluginServices } from '../../support/plugin';
import { uploadThroughApi } from '../../support/upload';
import { waitFor } from '../../support/wait-for';

/**
 * Decorative images (issue 15): an editor marks an image decorative → alt="" in every locale, it
 * counts as covered everywhere, fill runs, overwrite runs and a re-upload leave it alone without a
 * provider call; unmarked, it is missing again. AltTextLab, three locales: one call per locale.
 */
const API_KEY = `decorative-key-${randomBytes(10).toString('hex')}`;
const LOCALE_TEXT = 'plugin::auto-alt-text.locale-text';
const JOB = 'plugin::auto-alt-text.job';
const MARKED = 'marked decorative (alt="")';

const textsOf = async (app: PlaygroundApp, fileId: number) => {
  const rows = (await app.strapi.db.query(LOCALE_TEXT).findMany({ where: { fileId } })) as Array<{ locale: string; text: string; source: string }>;
  return Object.fromEntries(rows.map((row) => [row.locale, row.text]));
};

const jobsOf = async (app: PlaygroundApp, fileId: number) =>
  (await app.strapi.db.query(JOB).findMany({ where: { fileId }, orderBy: { id: 'asc' } })) as Array<{ reason: string; status: string; errorMessage: string | null }>;

const served = async (app: PlaygroundApp, fileId: number, locale: string) => {
  const response = await fetch(`${app.url}/api/upload/files/${fileId}?locale=${locale}`, { headers: { Authorization: `Bearer ${app.apiToken}` } });
  return ((await response.json()) as { alternativeText: string | null }).alternativeText;
};

describe('decorative images: marked by an editor', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let admin: Api;
  let id: number;

  const row = async (query = '') =>
    ((await admin('GET', `/auto-alt-text/media?pageSize=100${query}`)).body.data.rows as Array<{ id: number; source: string; alternativeText: string | null; decorative?: unknown }>).find((item) => item.id === id);
  const coverage = async () => (await admin('GET', '/auto-alt-text/status')).body.data.coverage as { missingAltText: number; locales: Record<string, { missingAltText: number }> };

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
        ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: ['en', 'fr', 'de'] }),
      },
    });
    admin = apiFor(app, await registerSuperAdmin(app));
    const uploaded = await uploadThroughApi(app, { bytes: await solidPng(120, 90, { r: 200, g: 40, b: 40 }), name: 'ornament.png', mime: 'image/png' });
    id = uploaded.files[0].id;
    await waitFor('three texts', async () => (Object.keys(await textsOf(app, id)).length === 2 && (await fileRows(app.strapi, [id]))[0].alternativeText ? true : undefined));
    await pluginServices(app.strapi).queue.idle();
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  test('detection off (the default): a flat-colour image is described as usual, one call per locale', async () => {
    expect(emulator.requests.map((request) => request.lang).sort()).toEqual(['de', 'en', 'fr']);
    expect(await app.strapi.db.query('plugin::auto-alt-text.decorative').count({})).toBe(0);
  });

  test('bad input is a 400 naming the field and changes nothing; an unknown image is a 404', async () => {
    // The thumbnail URL is signed afresh on every read.
    const state = async () => ({ ...(await row()), thumbnailUrl: undefined });
    const before = await state();
    expect(before).toMatchObject({ source: 'generated' });
    for (const body of [{}, { decorative: 'yes' }, { decorative: true, extra: 1 }]) {
      const response = await admin('POST', `/auto-alt-text/media/${id}/decorative`, body);
      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('ValidationError');
    }
    expect((await admin('POST', `/auto-alt-text/media/${id}/decorative`, { decorative: 'yes' })).body.error.details.errors[0].path).toEqual(['decorative']);
    expect((await admin('POST', '/auto-alt-text/media/999999/decorative', { decorative: true })).status).toBe(404);
    expect(await state()).toEqual(before);
    expect(await textsOf(app, id)).not.toEqual({ fr: '', de: '' });
  });

  test('marking writes "" in every locale, shows Decorative in the list and its filter, counts it covered in every locale, and serves "" in each', async () => {
    const before = await coverage();
    const marked = await admin('POST', `/auto-alt-text/media/${id}/decorative`, { decorative: true });
    expect(marked.status).toBe(200);
    expect(marked.body.data).toMatchObject({ id, source: 'decorative', alternativeText: '', decorative: { status: 'marked', reason: null } });

    expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe('');
    expect(await textsOf(app, id)).toEqual({ fr: '', de: '' });
    expect(((await admin('GET', '/auto-alt-text/media?locale=fr&pageSize=100')).body.data.rows as Array<{ id: number; source: string }>).find((item) => item.id === id)?.source).toBe('decorative');
    expect(await row('&filter=decorative')).toBeDefined();
    expect(await row('&filter=missing')).toBeUndefined();
    expect(await row('&locale=de&filter=missing')).toBeUndefined();

    // It had alt text before; it still counts as covered, in every locale.
    const after = await coverage();
    expect(after.missingAltText).toBe(before.missingAltText);
    for (const locale of ['en', 'fr', 'de']) expect(after.locales[locale].missingAltText).toBe(before.locales[locale].missingAltText);

    // Served as "" in every locale, never the fallback to another locale's text.
    for (const locale of ['en', 'fr', 'de']) expect(await served(app, id, locale)).toBe('');
  });

  test('fill and overwrite runs and a re-upload leave it alone by name, without a provider call', async () => {
    emulator.reset();
    const estimate = await admin('POST', '/auto-alt-text/runs/estimate', { scope: { kind: 'ids', ids: [id] }, mode: 'overwrite' });
    expect(estimate.body.data).toMatchObject({ images: 0, calls: 0, credits: 0, skipped: { [MARKED]: 1 } });
    const missingScope = await admin('POST', '/auto-alt-text/runs/estimate', { scope: { kind: 'missing' } });
    expect(missingScope.body.data.skipped[MARKED]).toBeUndefined(); // covered: out of the `missing` scope

    for (const mode of ['fill', 'overwrite'] as const) {
      const run = await pluginServices(app.strapi).runs.create({ scope: { kind: 'all' }, mode });
      await waitFor(`the ${mode} run to finish`, async () => ((await pluginServices(app.strapi).runs.get(run.id))?.status === 'done' ? true : undefined));
      expect((await pluginServices(app.strapi).runs.get(run.id))?.skippedReasons).toMatchObject({ [MARKED]: 1 });
    }

    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(await solidPng(120, 90, { r: 20, g: 40, b: 200 }))], { type: 'image/png' }), 'ornament.png');
    const replaced = await fetch(`${app.url}/api/upload?id=${id}`, { method: 'POST', headers: { Authorization: `Bearer ${app.apiToken}` }, body: form });
    expect(replaced.status).toBe(200);
    const job = await waitFor('the replace job to end', async () => (await jobsOf(app, id)).find((candidate) => candidate.reason === 'replace' && candidate.status !== 'pending' && candidate.status !== 'running'));
    expect(job).toMatchObject({ status: 'skipped', errorMessage: MARKED });
    await pluginServices(app.strapi).queue.idle();

    expect(emulator.requests).toHaveLength(0);
    expect(emulator.account(API_KEY)?.charged).toBe(0);
    expect(await textsOf(app, id)).toEqual({ fr: '', de: '' });
    expect((await row())?.source).toBe('decorative');
  });

  test('marked while its first call is out: that call is paid, nothing is written over the "", and the other locales are not called', async () => {
    await admin('POST', `/auto-alt-text/media/${id}/decorative`, { decorative: false });
    emulator.reset();
    emulator.setFaults({ latencyMs: 1500 });
    try {
      expect((await admin('POST', `/auto-alt-text/media/${id}/regenerate`, {})).status).toBe(200);
      await waitFor('the call to be out', async () => ((await jobsOf(app, id)).some((job) => job.status === 'running') ? true : undefined), 10_000);
      expect((await admin('POST', `/auto-alt-text/media/${id}/decorative`, { decorative: true })).status).toBe(200);
      const job = await waitFor('the job to end', async () => (await jobsOf(app, id)).reverse().find((candidate) => candidate.reason === 'manual' && !['pending', 'running'].includes(candidate.status)), 15_000);
      expect(job).toMatchObject({ status: 'skipped', errorMessage: expect.stringContaining(MARKED) });
    } finally {
      emulator.setFaults({});
    }
    await pluginServices(app.strapi).queue.idle();
    expect(emulator.requests).toHaveLength(1);
    expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe('');
    expect(await textsOf(app, id)).toEqual({ fr: '', de: '' });
  });

  test('unmarking makes the "" texts missing again, in every locale and in the counts', async () => {
    const before = await coverage();
    const unmarked = await admin('POST', `/auto-alt-text/media/${id}/decorative`, { decorative: false });
    expect(unmarked.status).toBe(200);
    expect(unmarked.body.data.source).toBe('missing');
    expect(unmarked.body.data.decorative).toBeUndefined();
    const after = await coverage();
    expect(after.missingAltText).toBe(before.missingAltText + 1);
    for (const locale of ['en', 'fr', 'de']) expect(after.locales[locale].missingAltText).toBe(before.locales[locale].missingAltText + 1);
    expect(await row('&filter=missing')).toBeDefined();
    expect(await row('&filter=decorative')).toBeUndefined();
  });
});

describe('decorative images: detection switched on from the settings page', () => {
  test('saving detectDecorative: true makes the next 1×1 upload a suggestion (zero calls); a non-boolean is a 400', async () => {
    const emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 10 }] });
    const app = await bootPlayground({
      env: { ALT_TEXT_PROVIDER: 'alttextlab', ALT_TEXT_API_KEY: API_KEY, ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab, ALT_TEXT_POLL_INTERVAL_MS: '100', ALT_TEXT_CREDITS_PROBE_SECONDS: '0' },
    });
    try {
      const admin = apiFor(app, await registerSuperAdmin(app));
      expect((await admin('PUT', '/auto-alt-text/settings', { detectDecorative: 'on' })).status).toBe(400);
      expect((await admin('GET', '/auto-alt-text/settings')).body.data.values.detectDecorative).toBe(false);
      expect((await admin('PUT', '/auto-alt-text/settings', { detectDecorative: true })).status).toBe(200);
      const uploaded = await uploadThroughApi(app, { bytes: await solidPng(1, 1, { r: 0, g: 0, b: 0 }), name: 'pixel.gif.png', mime: 'image/png' });
      const fileId = uploaded.files[0].id;
      await waitFor('the suggestion', async () => (await app.strapi.db.query('plugin::auto-alt-text.decorative').findOne({ where: { fileId } })) ?? undefined);
      await pluginServices(app.strapi).queue.idle();
      expect(emulator.requests).toHaveLength(0);
    } finally {
      await app.stop();
      await emulator.close();
    }
  });
});
