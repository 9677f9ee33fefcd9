import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { seedImages } from '../support/seed';
import { pluginServices } from '../support/plugin';
import { waitFor } from '../support/wait-for';

const ENV_KEY = `env-key-${randomBytes(10).toString('hex')}`;
const SAVED_KEY = `saved-key-${randomBytes(10).toString('hex')}`;
const ADMIN = { email: 'admin@example.com', password: 'Admin-password-1', firstname: 'Ada', lastname: 'Admin' };

interface Api {
  (method: string, path: string, body?: unknown): Promise<{ status: number; body: any; text: string }>;
}

const apiFor = (app: PlaygroundApp, token?: string): Api => async (method, path, body) => {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text };
};

const login = async (app: PlaygroundApp, email: string, password: string) => {
  const { body } = await apiFor(app)('POST', '/admin/login', { email, password });
  return body.data.token as string;
};

describe('the admin API', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let admin: Api;
  let editor: Api;
  const everything: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: ENV_KEY, credits: 500, plan: 'Pro' }, { key: SAVED_KEY, credits: 42, plan: 'Starter' }] });
    app = await bootPlayground({
      env: { ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab, ALT_TEXT_AUTO_ON_UPLOAD: 'false', ALT_TEXT_POLL_INTERVAL_MS: '100', ALT_TEXT_REQUESTS_PER_SECOND: '0' },
    });
    const registered = await apiFor(app)('POST', '/admin/register-admin', ADMIN);
    admin = apiFor(app, registered.body.data.token);
    const editorRole = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
    await app.strapi.service('admin::user').create({
      email: 'editor@example.com', firstname: 'Ed', lastname: 'Itor', password: 'Editor-password-1', isActive: true, roles: [editorRole.id],
    });
    editor = apiFor(app, await login(app, 'editor@example.com', 'Editor-password-1'));
  });

  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  const record = <T extends { text: string }>(response: T) => {
    everything.push(response.text);
    return response;
  };

  test('with no key configured, settings say so, and a saved key is used without ever being sent back', async () => {
    const before = record(await admin('GET', '/auto-alt-text/settings'));
    expect(before.status).toBe(200);
    expect(before.body.data.apiKey).toEqual({ source: 'none', hint: null });
    expect(before.body.data.locked.baseUrl).toBe('Set by the ALT_TEXT_BASE_URL environment variable');
    // Provider, base URL and key are one unit: a base URL fixed by the environment fixes the provider.
    expect(before.body.data.locked.provider).toBe('Bound to the base URL set by ALT_TEXT_BASE_URL');
    expect(before.body.data.lockReasons).toMatchObject({
      baseUrl: { code: 'env', params: { variable: 'ALT_TEXT_BASE_URL' } },
      provider: { code: 'boundToBaseUrl', params: { variable: 'ALT_TEXT_BASE_URL' } },
    });

    const saved = record(await admin('PUT', '/auto-alt-text/settings', { apiKey: SAVED_KEY, lang: 'de', concurrency: 3 }));
    expect(saved.status).toBe(200);
    expect(saved.body.data.apiKey).toEqual({ source: 'saved', hint: `…${SAVED_KEY.slice(-4)}` });
    expect(saved.body.data.values).toMatchObject({ lang: 'de', concurrency: 3 });

    const verified = record(await admin('POST', '/auto-alt-text/settings/verify', {}));
    expect(verified.body.data).toMatchObject({ valid: true, account: 'Starter', credits: { reported: true, remaining: 42, plan: 'Starter' } });
    const credits = record(await admin('GET', '/auto-alt-text/credits'));
    expect(credits.body.data).toMatchObject({ reported: true, remaining: 42 });
  });

  test('verify checks unsaved form values, and a wrong key is reported invalid', async () => {
    const other = record(await admin('POST', '/auto-alt-text/settings/verify', { apiKey: ENV_KEY }));
    expect(other.body.data).toMatchObject({ valid: true, credits: { remaining: 500, plan: 'Pro' } });
    const wrong = record(await admin('POST', '/auto-alt-text/settings/verify', { apiKey: 'not-a-real-key-000' }));
    expect(wrong.body.data.valid).toBe(false);
  });

  test('invalid settings are refused field by field, and nothing is saved', async () => {
    const refused = record(await admin('PUT', '/auto-alt-text/settings', { concurrency: -1, provider: 'skynet', lang: 'english!', colour: 'red' }));
    expect(refused.status).toBe(400);
    const paths = (refused.body.error.details.errors as Array<{ path: string[] }>).map((error) => error.path.join('.'));
    expect(paths.length).toBeGreaterThan(0);
    const second = record(await admin('PUT', '/auto-alt-text/settings', { concurrency: 0 }));
    expect(second.status).toBe(400);
    expect(second.body.error.details.errors[0].path).toEqual(['concurrency']);
    const after = record(await admin('GET', '/auto-alt-text/settings'));
    expect(after.body.data.values.concurrency).toBe(3);
  });

  test('a settings value fixed in config cannot be changed from the admin', async () => {
    const refused = record(await admin('PUT', '/auto-alt-text/settings', { baseUrl: 'http://127.0.0.1:9/elsewhere' }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0]).toMatchObject({ path: ['baseUrl'], code: 'locked' });
    const provider = record(await admin('PUT', '/auto-alt-text/settings', { provider: 'openai', model: 'llava' }));
    expect(provider.status).toBe(400);
    expect(provider.body.error.details.errors).toEqual([expect.objectContaining({ path: ['provider'], code: 'locked' })]);
  });

  test('a bulk run over HTTP: estimate, start, progress to done; the media list shows generated and human text', async () => {
    const ids = await seedImages(app, 6, 'admin');
    await app.strapi.db.query('plugin::upload.file').update({ where: { id: ids[0] }, data: { alternativeText: 'Written by a person' } });

    const estimate = record(await admin('POST', '/auto-alt-text/runs/estimate', { scope: { kind: 'missing' } }));
    expect(estimate.body.data).toMatchObject({ images: 5, credits: 5, peopleTexts: 0 });
    // An overwrite of everything would replace the person's text: the estimate says so (the admin asks before it starts).
    const overwrite = record(await admin('POST', '/auto-alt-text/runs/estimate', { scope: { kind: 'all' }, mode: 'overwrite' }));
    expect(overwrite.body.data).toMatchObject({ images: 6, credits: 6, peopleTexts: 1 });
    const created = record(await admin('POST', '/auto-alt-text/runs', { scope: { kind: 'missing' }, mode: 'fill' }));
    expect(created.status).toBe(200);
    const runId = created.body.data.id;
    const done = await waitFor('the run to finish', async () => {
      const run = record(await admin('GET', `/auto-alt-text/runs/${runId}`));
      return run.body.data.status === 'done' ? run.body.data : undefined;
    });
    expect(done).toMatchObject({ progressPercent: 100, counts: { done: 5, failed: 0 } });

    const generated = record(await admin('GET', '/auto-alt-text/media?filter=generated&pageSize=50'));
    expect(generated.body.data.total).toBe(5);
    expect(generated.body.data.rows[0].alternativeText).toMatch(/^\[de\] /);
    expect(generated.body.data.rows[0].generatedBy).toMatchObject({ provider: 'alttextlab', lang: 'de' });
    expect(generated.body.data.rows[0].thumbnailUrl).toMatch(/X-Amz-Signature=/);
    const human = record(await admin('GET', '/auto-alt-text/media?filter=human'));
    expect(human.body.data.rows.map((row: { id: number }) => row.id)).toEqual([ids[0]]);

    const status = record(await admin('GET', '/auto-alt-text/status'));
    expect(status.body.data.coverage).toMatchObject({ images: 6, withAltText: 6, missingAltText: 0, coveragePercent: 100 });
    expect(status.body.data.latestRun.id).toBe(runId);
    expect(status.body.data.queue).toEqual({ paused: false });
  });

  test('folders are listed by their path of names, parents first, with the images each holds (its subfolders included)', async () => {
    const folders = app.strapi.plugin('upload').service('folder') as { create(data: { name: string; parent: number | null }): Promise<{ id: number; path: string }> };
    const products = await folders.create({ name: 'Products', parent: null });
    const shoes = await folders.create({ name: 'Shoes', parent: products.id });
    const archive = await folders.create({ name: 'Archive', parent: null });
    const [inShoes, inProducts] = await seedImages(app, 2, 'foldered');
    await app.strapi.db.query('plugin::upload.file').update({ where: { id: inShoes }, data: { folder: shoes.id, folderPath: shoes.path } });
    await app.strapi.db.query('plugin::upload.file').update({ where: { id: inProducts }, data: { folder: products.id, folderPath: products.path } });

    const listed = record(await admin('GET', '/auto-alt-text/folders'));
    expect(listed.status).toBe(200);
    // Strapi's own "API Uploads" folder is listed too: only the three made here are compared.
    const mine = new Set([products.id, shoes.id, archive.id]);
    expect(listed.body.data.folders.filter((folder: { id: number }) => mine.has(folder.id))).toEqual([
      { id: archive.id, name: 'Archive', path: 'Archive', images: 0 },
      { id: products.id, name: 'Products', path: 'Products', images: 2 },
      { id: shoes.id, name: 'Shoes', path: 'Products / Shoes', images: 1 },
    ]);
    // The estimate of a folder run covers the same images.
    expect(record(await admin('POST', '/auto-alt-text/runs/estimate', { scope: { kind: 'folder', folderId: products.id }, mode: 'overwrite' })).body.data.images).toBe(2);
  });

  test('a folder run over a folder that does not exist is a 400 at scope.folderId, and no run is created', async () => {
    const runsBefore = record(await admin('GET', '/auto-alt-text/runs')).body.data.length;
    for (const path of ['/auto-alt-text/runs/estimate', '/auto-alt-text/runs']) {
      const refused = record(await admin('POST', path, { scope: { kind: 'folder', folderId: 987654 } }));
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.errors).toEqual([expect.objectContaining({ path: ['scope', 'folderId'], message: 'no Media Library folder with id 987654' })]);
    }
    expect(record(await admin('GET', '/auto-alt-text/runs')).body.data.length).toBe(runsBefore);
  });

  test('regenerate replaces one image’s text (even a human one); an inline edit makes it human again', async () => {
    const [row] = record(await admin('GET', '/auto-alt-text/media?filter=human')).body.data.rows;
    const queued = record(await admin('POST', `/auto-alt-text/media/${row.id}/regenerate`, {}));
    expect(queued.body.data).toEqual({ queued: true });
    await pluginServices(app.strapi).queue.idle();
    const after = record(await admin('GET', '/auto-alt-text/media?filter=generated&pageSize=50'));
    expect(after.body.data.rows.map((r: { id: number }) => r.id)).toContain(row.id);

    const edited = record(await admin('PUT', `/auto-alt-text/media/${row.id}`, { alternativeText: 'A better description' }));
    expect(edited.body.data).toMatchObject({ alternativeText: 'A better description', source: 'human' });
  });

  test('a role without the plugin permissions gets 403 on every route; no login gets 401', async () => {
    const routes: Array<[string, string, unknown?]> = [
      ['GET', '/auto-alt-text/settings'], ['PUT', '/auto-alt-text/settings', { lang: 'fr' }], ['POST', '/auto-alt-text/settings/verify', {}],
      ['GET', '/auto-alt-text/credits'], ['GET', '/auto-alt-text/status'], ['GET', '/auto-alt-text/folders'], ['POST', '/auto-alt-text/queue/pause'], ['POST', '/auto-alt-text/queue/resume'],
      ['POST', '/auto-alt-text/runs/estimate', { scope: { kind: 'all' } }], ['POST', '/auto-alt-text/runs', { scope: { kind: 'all' } }],
      ['GET', '/auto-alt-text/runs'], ['GET', '/auto-alt-text/runs/1'], ['POST', '/auto-alt-text/runs/1/cancel'],
      ['GET', '/auto-alt-text/failures'], ['POST', '/auto-alt-text/failures/retry', {}], ['GET', '/auto-alt-text/media'],
      ['POST', '/auto-alt-text/media/1/regenerate', {}], ['PUT', '/auto-alt-text/media/1', { alternativeText: 'x' }],
    ];
    for (const [method, path, body] of routes) {
      expect([method, path, (await editor(method, path, body)).status]).toEqual([method, path, 403]);
      expect([method, path, (await apiFor(app)(method, path, body)).status]).toEqual([method, path, 401]);
    }
  });

  test('no response carried an API key or a presigned signature for the provider', () => {
    const all = everything.join('\n');
    expect(all).not.toContain(SAVED_KEY);
    expect(all).not.toContain(ENV_KEY);
  });
});
