import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { apiFor, registerSuperAdmin, userWithActions, type Api } from '../reliability/admin';
import { solidPng, tinyPdf } from '../support/images';
import { fileRows, pluginServices } from '../support/plugin';
import { sleep, waitFor } from '../support/wait-for';

/**
 * Uploads spend credits only where the site says (the same skip rules as bulk runs, and only the
 * upload sources it names), and the admin API hands out images only, to whoever holds the right
 * permission, for well-formed requests only.
 */
const API_KEY = `uploads-key-${randomBytes(10).toString('hex')}`;
const JOB_UID = 'plugin::auto-alt-text.job';
const PERMISSIONS = { read: 'plugin::auto-alt-text.read', generate: 'plugin::auto-alt-text.generate' };

const envFor = (emulator: Emulator, extra: Record<string, string> = {}) => ({
  ALT_TEXT_PROVIDER: 'alttextlab',
  ALT_TEXT_API_KEY: API_KEY,
  ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
  ALT_TEXT_POLL_INTERVAL_MS: '100',
  ALT_TEXT_REQUESTS_PER_SECOND: '0',
  ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
  ...extra,
});

interface Uploaded {
  id: number;
  mime: string;
}

/** One multipart upload as a given caller: the content API (token or nobody) or the admin's own route. */
const uploadAs = async (
  app: PlaygroundApp,
  caller: { route: '/api/upload' | '/upload'; token?: string },
  file: { bytes: Buffer; name: string; mime: string; alternativeText?: string }
): Promise<Uploaded> => {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.mime }), file.name);
  if (file.alternativeText) form.append('fileInfo', JSON.stringify({ alternativeText: file.alternativeText }));
  const response = await fetch(`${app.url}${caller.route}`, {
    method: 'POST',
    headers: caller.token ? { Authorization: `Bearer ${caller.token}` } : {},
    body: form,
  });
  const body = (await response.json()) as unknown;
  if (response.status !== 201 && response.status !== 200) throw new Error(`upload to ${caller.route} answered HTTP ${response.status}`);
  const files = (Array.isArray(body) ? body : (body as { data?: unknown[] }).data ?? []) as Uploaded[];
  return files[0];
};

/** Lets anonymous visitors upload through the content API, as a site with public uploads does. */
const allowPublicUploads = async (app: PlaygroundApp) => {
  const role = (await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } })) as { id: number };
  await app.strapi.db.query('plugin::users-permissions.permission').create({ data: { action: 'plugin::upload.content-api.upload', role: role.id } });
};

const jobsOf = async (app: PlaygroundApp, fileId: number) =>
  (await app.strapi.db.query(JOB_UID).findMany({ where: { fileId } })) as Array<{ status: string; errorMessage: string | null }>;

describe('uploads follow the same skip rules as bulk runs', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 100 }] });
    app = await bootPlayground({ env: envFor(emulator) });
    await allowPublicUploads(app);
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  test.each<[string, { size: number; alternativeText?: string }, string]>([
    ['a 20×20 icon', { size: 20 }, 'smaller than 50×50 px'],
    ['an image uploaded with its alt text', { size: 80, alternativeText: 'A person wrote this' }, 'already has alt text'],
  ])('%s is recorded as skipped with the reason, and no credit is spent', async (_label, shape, reason) => {
    const bytes = await solidPng(shape.size, shape.size, { r: 40, g: 90, b: 160 });
    const file = await uploadAs(app, { route: '/api/upload', token: app.apiToken }, { bytes, name: `skip-${shape.size}.png`, mime: 'image/png', alternativeText: shape.alternativeText });
    const [job] = await waitFor('the upload to be recorded', async () => ((await jobsOf(app, file.id)).length > 0 ? jobsOf(app, file.id) : undefined));
    expect(job).toMatchObject({ status: 'skipped', errorMessage: reason });
    await pluginServices(app.strapi).queue.idle();
    expect(emulator.requests).toHaveLength(0);
  });

  test('by default an anonymous end user’s upload is described too (uploadSources: all)', async () => {
    const file = await uploadAs(app, { route: '/api/upload' }, { bytes: await solidPng(90, 90, { r: 10, g: 120, b: 10 }), name: 'visitor.png', mime: 'image/png' });
    await waitFor('alt text for the visitor’s image', async () => (await fileRows(app.strapi, [file.id]))[0].alternativeText ?? undefined);
  });
});

describe('uploadSources keeps strangers from spending credits', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let adminToken: string;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 100 }] });
    app = await bootPlayground({ env: envFor(emulator, { ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ uploadSources: ['admin'] }) }) });
    adminToken = await registerSuperAdmin(app);
    await allowPublicUploads(app);
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  test('with uploadSources ["admin"], API-token and anonymous uploads get no job; an upload in the admin panel is described', async () => {
    const png = (r: number) => solidPng(90, 90, { r, g: 50, b: 50 });
    const viaToken = await uploadAs(app, { route: '/api/upload', token: app.apiToken }, { bytes: await png(10), name: 'token.png', mime: 'image/png' });
    const viaVisitor = await uploadAs(app, { route: '/api/upload' }, { bytes: await png(60), name: 'visitor.png', mime: 'image/png' });
    const viaAdmin = await uploadAs(app, { route: '/upload', token: adminToken }, { bytes: await png(120), name: 'admin.png', mime: 'image/png' });

    await waitFor('alt text for the admin’s upload', async () => (await fileRows(app.strapi, [viaAdmin.id]))[0].alternativeText ?? undefined);
    await sleep(300);
    expect(await jobsOf(app, viaToken.id)).toEqual([]);
    expect(await jobsOf(app, viaVisitor.id)).toEqual([]);
    expect(emulator.requests).toHaveLength(1);
  });
});

describe('the admin API follows the data', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let reader: Api;
  let generator: Api;
  let image: Uploaded;
  let pdf: Uploaded;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 100 }] });
    app = await bootPlayground({ env: envFor(emulator, { ALT_TEXT_AUTO_ON_UPLOAD: 'false' }) });
    const superAdmin = apiFor(app, await registerSuperAdmin(app));
    reader = apiFor(app, await userWithActions(app, superAdmin, [PERMISSIONS.read], 'reader@example.com'));
    generator = apiFor(app, await userWithActions(app, superAdmin, [PERMISSIONS.generate], 'generator@example.com'));
    const token = { route: '/api/upload' as const, token: app.apiToken };
    image = await uploadAs(app, token, { bytes: await solidPng(90, 90, { r: 200, g: 200, b: 0 }), name: 'photo.png', mime: 'image/png' });
    pdf = await uploadAs(app, token, { bytes: tinyPdf(), name: 'contract.pdf', mime: 'application/pdf' });
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  test('Read lists images only', async () => {
    const listed = await reader('GET', '/auto-alt-text/media?pageSize=100');
    expect(listed.status).toBe(200);
    const ids = listed.body.data.rows.map((row: { id: number }) => row.id);
    expect(ids).toContain(image.id);
    expect(ids).not.toContain(pdf.id);
    expect(listed.body.data.rows.every((row: { mime: string }) => row.mime.startsWith('image/'))).toBe(true);
  });

  test('Generate edits the alt text of images only: a PDF answers 404 and keeps what it had', async () => {
    await app.strapi.db.query('plugin::upload.file').update({ where: { id: pdf.id }, data: { alternativeText: 'The signed contract' } });
    expect((await generator('PUT', `/auto-alt-text/media/${pdf.id}`, { alternativeText: 'overwritten' })).status).toBe(404);
    expect((await generator('POST', `/auto-alt-text/media/${pdf.id}/regenerate`, {})).status).toBe(404);
    expect((await fileRows(app.strapi, [pdf.id]))[0].alternativeText).toBe('The signed contract');
    expect((await generator('PUT', `/auto-alt-text/media/${image.id}`, { alternativeText: 'A yellow square' })).status).toBe(200);
  });

  test.each([
    '/auto-alt-text/failures?pageSize=x',
    '/auto-alt-text/failures?page=0',
    '/auto-alt-text/failures?pageSize=101',
    '/auto-alt-text/failures?page=1.5',
    '/auto-alt-text/failures?runId=abc',
    '/auto-alt-text/failures?pageSize=1&pageSize=2',
    '/auto-alt-text/failures?limit=1000',
    '/auto-alt-text/media?filter=bogus',
    '/auto-alt-text/media?pageSize=-1',
    `/auto-alt-text/media?search=${'a'.repeat(201)}`,
    '/auto-alt-text/runs/abc',
    '/auto-alt-text/runs/0',
  ])('GET %s is refused with a 400 naming the parameter', async (path) => {
    const response = await reader('GET', path);
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('ValidationError');
    expect(response.body.error.details.errors.length).toBeGreaterThan(0);
  });

  test('well-formed queries are honoured (pageSize=1 returns one row, not the whole table)', async () => {
    const page = await reader('GET', '/auto-alt-text/media?pageSize=1&page=1&filter=all');
    expect(page.status).toBe(200);
    expect(page.body.data).toMatchObject({ page: 1, pageSize: 1 });
    expect(page.body.data.rows).toHaveLength(1);
    expect((await reader('GET', '/auto-alt-text/failures?page=2&pageSize=5')).body.data).toMatchObject({ page: 2, pageSize: 5, rows: [] });
  });
});
