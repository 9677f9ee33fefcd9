import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, PLAYGROUND_DIR, type PlaygroundApp } from '../harness/strapi-app';
import { apiFor, registerSuperAdmin, SUPER_ADMIN, type Api } from '../reliability/admin';
import { solidPng } from '../support/images';
import { keyMaterial, keyMaterialIn } from '../support/key-material';
import { captureLogs } from '../support/log-capture';
import { pluginServices } from '../support/plugin';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { uploadThroughApi } from '../support/upload';

/**
 * The key saved from the admin, at rest: encrypted with the app's ENCRYPTION_KEY, so the database,
 * its backups and `strapi export` carry nothing a reader could use; with another encryption key
 * (another app, a rotated key) it reads as "no saved key" and nothing is sent anywhere.
 */
const SAVED_KEY = `at-rest-key-${randomBytes(12).toString('hex')}`;
const STORE_KEY = 'plugin_auto-alt-text_settings';
const STRAPI_BIN = path.resolve(__dirname, '../../node_modules/.bin/strapi');

let emulator: Emulator;
/** Stands in front of the emulator and keeps every request's headers. */
let provider: RecordingServer;

const storedRow = async (app: PlaygroundApp): Promise<string> => {
  const row = (await app.strapi.db.connection('strapi_core_store_settings').where({ key: STORE_KEY }).first()) as { value: string } | undefined;
  return row?.value ?? '';
};

const logIn = async (app: PlaygroundApp): Promise<Api> => apiFor(app, (await apiFor(app)('POST', '/admin/login', SUPER_ADMIN)).body.data.token);

const providerEnv = () => ({ ALT_TEXT_BASE_URL: `${provider.url}${new URL(emulator.baseUrls.alttextlab).pathname}` });

/** `strapi export` of the playground as a child process, on the same database, with the app's environment. */
const exportApp = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(STRAPI_BIN, ['export', '--no-encrypt', '--no-compress', '-f', file], { cwd: PLAYGROUND_DIR, env: { ...process.env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`strapi export exited with ${code}:\n${output.slice(-3000)}`))));
  });

beforeAll(async () => {
  emulator = await startEmulator({ accounts: [{ key: SAVED_KEY, credits: 50 }] });
  provider = await startRecordingServer({ upstream: emulator.url });
});

afterAll(async () => {
  await provider?.close();
  await emulator?.close();
});

describe('a key saved from the admin', () => {
  let app: PlaygroundApp;

  afterAll(async () => {
    await app?.stop();
  });

  test('the core-store row holds no key material, and the key works', async () => {
    expect(keyMaterial(SAVED_KEY).length).toBeGreaterThan(20);
    app = await bootPlayground({ env: providerEnv() });
    const admin = apiFor(app, await registerSuperAdmin(app));
    const saved = await admin('PUT', '/auto-alt-text/settings', { apiKey: SAVED_KEY });
    expect(saved.status).toBe(200);
    const row = await storedRow(app);
    expect(row.length).toBeGreaterThan(0);
    expect(keyMaterialIn(row, SAVED_KEY)).toEqual([]);
    expect((await admin('POST', '/auto-alt-text/settings/verify', {})).body.data).toMatchObject({ valid: true, credits: { remaining: 50 } });
  });

  test('`strapi export --no-encrypt --no-compress` of the app carries the settings but no usable key', async () => {
    await app.stop({ keepData: true });
    const output = await exportApp(path.join(app.data.database.dir as string, 'backup'));
    const archive = readFileSync(path.join(app.data.database.dir as string, 'backup.tar'));
    // The export did include the plugin's settings row: the test looks where the key would be.
    expect(archive.includes(Buffer.from(STORE_KEY))).toBe(true);
    expect({ output: output.length > 0, found: keyMaterialIn(archive, SAVED_KEY) }).toEqual({ output: true, found: [] });
  });

  test('booted with another ENCRYPTION_KEY it reads as no saved key, warns once, and sends no key anywhere', async () => {
    let logs: ReturnType<typeof captureLogs> | undefined;
    const mark = provider.calls.length;
    app = await bootPlayground({
      env: { ...providerEnv(), ENCRYPTION_KEY: randomBytes(16).toString('base64') },
      reuse: app.data,
      beforeLoad: (strapi) => (logs = captureLogs(strapi)),
    });
    try {
      const admin = await logIn(app);
      const view = (await admin('GET', '/auto-alt-text/settings')).body.data;
      expect(view.apiKey).toEqual({ source: 'none', hint: null, problem: 'undecryptable' });
      expect((await admin('POST', '/auto-alt-text/settings/verify', {})).body.data).toMatchObject({ valid: false });
      // An upload is queued; with no usable key the provider is never called.
      await uploadThroughApi(app, { bytes: await solidPng(80, 60, { r: 10, g: 200, b: 10 }), name: 'rotated.png', mime: 'image/png' });
      await pluginServices(app.strapi).queue.idle();
      // The 30-second refresh reads the store again: still one warning.
      await pluginServices(app.strapi).settings.load();
      await pluginServices(app.strapi).settings.load();
      expect(provider.calls.slice(mark)).toEqual([]);
      const warnings = logs?.lines.filter((line) => line.startsWith('warn:') && /saved API key/.test(line)) ?? [];
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/could not be decrypted/);
      expect(logs?.lines.filter((line) => line.includes('[decrypt]')).length).toBeLessThanOrEqual(1);
      // Nothing was overwritten: the stored value is the one the first app wrote.
      expect(keyMaterialIn(await storedRow(app), SAVED_KEY)).toEqual([]);
    } finally {
      logs?.restore();
    }
  });

  test('booted again with the original ENCRYPTION_KEY, the saved key is back', async () => {
    await app.stop({ keepData: true });
    app = await bootPlayground({ env: providerEnv(), reuse: app.data });
    const admin = await logIn(app);
    expect((await admin('GET', '/auto-alt-text/settings')).body.data.apiKey).toEqual({ source: 'saved', hint: `…${SAVED_KEY.slice(-4)}` });
    expect((await admin('POST', '/auto-alt-text/settings/verify', {})).body.data).toMatchObject({ valid: true });
  });
});

describe('a plaintext key saved by an earlier version', () => {
  let app: PlaygroundApp;

  afterAll(async () => {
    await app?.stop();
  });

  test('is encrypted in place at boot, bound to the endpoint in force, and keeps working', async () => {
    app = await bootPlayground({ env: providerEnv() });
    await registerSuperAdmin(app);
    await app.strapi.store({ type: 'plugin', name: 'auto-alt-text', key: 'settings' }).set({ value: { values: { lang: 'de' }, apiKey: SAVED_KEY } });
    expect(await storedRow(app)).toContain(SAVED_KEY);
    await app.stop({ keepData: true });

    app = await bootPlayground({ env: providerEnv(), reuse: app.data });
    expect(keyMaterialIn(await storedRow(app), SAVED_KEY)).toEqual([]);
    const admin = await logIn(app);
    const view = (await admin('GET', '/auto-alt-text/settings')).body.data;
    expect(view.apiKey).toEqual({ source: 'saved', hint: `…${SAVED_KEY.slice(-4)}` });
    expect(view.values.lang).toBe('de');
    expect((await admin('POST', '/auto-alt-text/settings/verify', {})).body.data).toMatchObject({ valid: true });
  });
});
