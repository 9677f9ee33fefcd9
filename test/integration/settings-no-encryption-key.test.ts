import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { apiFor, registerSuperAdmin, SUPER_ADMIN } from '../reliability/admin';
import { captureLogs } from '../support/log-capture';
import { pluginServices } from '../support/plugin';
import { keyMaterialIn } from '../support/key-material';

/**
 * An app with no encryption key (ENCRYPTION_KEY unset): a key typed in the admin could only be
 * stored in plain text, so it is refused; a plain-text key an earlier version saved keeps working,
 * bound to its endpoint, with a warning. Its own file: an unset ENCRYPTION_KEY does not clear the
 * value an earlier boot in the same module registry loaded (Strapi's config loader keeps it).
 */
const SAVED_KEY = `unencryptable-${randomBytes(12).toString('hex')}`;
const STORE_KEY = 'plugin_auto-alt-text_settings';

let emulator: Emulator;

const storedRow = async (app: PlaygroundApp): Promise<string> => {
  const row = (await app.strapi.db.connection('strapi_core_store_settings').where({ key: STORE_KEY }).first()) as { value: string } | undefined;
  return row?.value ?? '';
};

beforeAll(async () => {
  emulator = await startEmulator({ accounts: [{ key: SAVED_KEY, credits: 5 }] });
});

afterAll(async () => {
  await emulator?.close();
});

describe('an app with no encryption key configured', () => {
  let app: PlaygroundApp;

  afterAll(async () => {
    await app?.stop();
  });

  test('refuses to save a key from the admin, saying what to do instead, and stores nothing', async () => {
    app = await bootPlayground({ env: { ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab, ENCRYPTION_KEY: undefined } });
    const admin = apiFor(app, await registerSuperAdmin(app));
    const refused = await admin('PUT', '/auto-alt-text/settings', { apiKey: SAVED_KEY, lang: 'fr' });
    expect(refused.status).toBe(400);
    const errors = refused.body.error.details.errors as Array<{ path: string[]; message: string }>;
    expect(errors).toEqual([
      { path: ['apiKey'], message: expect.stringMatching(/ENCRYPTION_KEY.*ALT_TEXT_API_KEY|ALT_TEXT_API_KEY.*ENCRYPTION_KEY/), name: 'ValidationError', code: 'noEncryptionKey' },
    ]);
    expect(keyMaterialIn(await storedRow(app), SAVED_KEY)).toEqual([]);
    expect((await admin('GET', '/auto-alt-text/settings')).body.data).toMatchObject({ values: { lang: 'en' }, apiKey: { source: 'none' } });
  });
});

describe('a plain-text key saved by an earlier version, in an app with no encryption key', () => {
  let app: PlaygroundApp;

  afterAll(async () => {
    await app?.stop();
  });

  test('keeps working at the endpoint in force, bound to it, with one warning to set ENCRYPTION_KEY', async () => {
    const env = { ALT_TEXT_BASE_URL: undefined, ENCRYPTION_KEY: undefined };
    app = await bootPlayground({ env });
    await registerSuperAdmin(app);
    const settings = app.strapi.store({ type: 'plugin', name: 'auto-alt-text', key: 'settings' });
    await settings.set({ value: { values: { baseUrl: emulator.baseUrls.alttextlab }, apiKey: SAVED_KEY } });
    await app.stop({ keepData: true });

    let logs: ReturnType<typeof captureLogs> | undefined;
    app = await bootPlayground({ env, reuse: app.data, beforeLoad: (strapi) => (logs = captureLogs(strapi)) });
    try {
      const admin = apiFor(app, (await apiFor(app)('POST', '/admin/login', SUPER_ADMIN)).body.data.token);
      expect((await admin('GET', '/auto-alt-text/settings')).body.data.apiKey).toEqual({ source: 'saved', hint: `…${SAVED_KEY.slice(-4)}`, problem: 'unencrypted' });
      expect((await admin('POST', '/auto-alt-text/settings/verify', {})).body.data).toMatchObject({ valid: true });
      // It is bound to where it is used today: moving the base URL needs the key typed again.
      const moved = await admin('PUT', '/auto-alt-text/settings', { baseUrl: 'http://127.0.0.1:9/elsewhere' });
      expect(moved.status).toBe(400);
      expect(moved.body.error.details.errors.map((error: { path: string[] }) => error.path.join('.'))).toEqual(['apiKey']);
      await pluginServices(app.strapi).settings.load();
      expect(logs?.lines.filter((line) => line.startsWith('warn:') && /saved API key is stored in plain text/.test(line))).toHaveLength(1);
    } finally {
      logs?.restore();
    }
  });
});
