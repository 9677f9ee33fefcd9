import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { solidPng } from '../support/images';
import { fileRows, pluginServices } from '../support/plugin';
import { uploadThroughApi } from '../support/upload';
import { waitFor } from '../support/wait-for';

const API_KEY = `stale-key-${randomBytes(10).toString('hex')}`;

/**
 * Strapi's file-info update (the Media Library dialog's Save, `POST /upload?id=`; here through the
 * content API's `POST /api/upload?id=`, the same `updateFileInfo`) sends back the alt text the
 * dialog loaded. Opened before the generated text arrived, it sends '' and used to wipe that text.
 * The browser test test/e2e/stale-dialog.test.ts does the same through the dialog itself.
 */
describe('an update that would empty the generated alt text', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 100 }] });
    app = await bootPlayground({
      env: { ALT_TEXT_PROVIDER: 'alttextlab', ALT_TEXT_API_KEY: API_KEY, ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab, ALT_TEXT_CREDITS_PROBE_SECONDS: '0' },
    });
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  /** `POST /api/upload?id=` with `fileInfo`, as Strapi's own clients send it. */
  const updateFileInfo = async (id: number, fileInfo: Record<string, unknown>) => {
    const form = new FormData();
    form.append('fileInfo', JSON.stringify(fileInfo));
    const response = await fetch(`${app.url}/api/upload?id=${id}`, { method: 'POST', headers: { Authorization: `Bearer ${app.apiToken}` }, body: form });
    expect(response.status).toBe(200);
  };

  const uploadDescribed = async (name: string, colour: number) => {
    const uploaded = await uploadThroughApi(app, { bytes: await solidPng(80, 60, { r: colour, g: 40, b: 90 }), name, mime: 'image/png' });
    const id = uploaded.files[0].id;
    const text = await waitFor('the generated text', async () => (await fileRows(app.strapi, [id]))[0].alternativeText || undefined);
    await pluginServices(app.strapi).queue.idle();
    return { id, text };
  };

  test('a save that sends back an empty alt text keeps the generated one, and the caption is saved; no provider call', async () => {
    const { id, text } = await uploadDescribed('stale-dialog.png', 10);
    const calls = emulator.requests.length;
    await updateFileInfo(id, { name: 'stale-dialog.png', alternativeText: '', caption: 'A caption typed meanwhile' });
    const [row] = (await app.strapi.db.query('plugin::upload.file').findMany({ where: { id }, select: ['alternativeText', 'caption'] })) as Array<{ alternativeText: string; caption: string }>;
    expect(row).toEqual({ alternativeText: text, caption: 'A caption typed meanwhile' });
    // Whitespace or the file's own name count as missing too.
    await updateFileInfo(id, { alternativeText: ' \n' });
    await updateFileInfo(id, { alternativeText: 'stale-dialog' });
    expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe(text);
    expect(emulator.requests.length).toBe(calls);
  }, 60_000);

  test('a new text replaces the generated one (a person\'s edit), and a person\'s text can still be emptied', async () => {
    const { id } = await uploadDescribed('edited.png', 20);
    await updateFileInfo(id, { alternativeText: 'A blue square, written by hand' });
    expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe('A blue square, written by hand');
    await updateFileInfo(id, { alternativeText: '' });
    expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe('');
  }, 60_000);

  test('code in the server (no request: a script, a migration) may still empty a generated text', async () => {
    const { id } = await uploadDescribed('scripted.png', 40);
    await app.strapi.db.query('plugin::upload.file').update({ where: { id }, data: { alternativeText: '' } });
    expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe('');
  }, 60_000);

  test('the plugin\'s own decorative mark still empties the generated text', async () => {
    const { id } = await uploadDescribed('spacer.png', 30);
    await app.strapi.plugin('auto-alt-text').service('decorative').set(id, true, { kind: 'system' });
    expect((await fileRows(app.strapi, [id]))[0].alternativeText).toBe('');
  }, 60_000);
});
