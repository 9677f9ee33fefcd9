import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { apiFor, registerSuperAdmin, userWithActions, type Api } from '../reliability/admin';
import { captureLogs } from '../support/log-capture';
import { pluginServices } from '../support/plugin';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';

/**
 * A key travels only to the endpoint it was configured with. The caller is an admin whose role
 * holds ONLY the plugin's `settings` permission; the stranger's endpoint is a recording HTTP server
 * on loopback that keeps every header and body it receives.
 */
const SETTINGS_ONLY = ['plugin::auto-alt-text.settings'];
const key = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;
const fieldErrors = (body: any): Record<string, string> =>
  Object.fromEntries(((body?.error?.details?.errors ?? []) as Array<{ path: string[]; message: string }>).map((error) => [error.path.join('.'), error.message]));

let emulator: Emulator;
let stranger: RecordingServer;

beforeAll(async () => {
  stranger = await startRecordingServer();
});

afterAll(async () => {
  await stranger?.close();
});

/** Boots the playground with `env`, registers a super admin and an admin holding only `settings`. */
const bootWithSettingsAdmin = async (env: Record<string, string | undefined>) => {
  const app = await bootPlayground({ env: { ALT_TEXT_AUTO_ON_UPLOAD: 'false', ...env } });
  const superAdmin = apiFor(app, await registerSuperAdmin(app));
  const settingsAdmin = apiFor(app, await userWithActions(app, superAdmin, SETTINGS_ONLY, 'settings-only@example.com'));
  return { app, superAdmin, settingsAdmin };
};

/** Bodies that point Verify at the stranger, with no key typed. */
const towardsStranger = () => [
  { baseUrl: stranger.url },
  { baseUrl: `${stranger.url}/steal?` },
  { baseUrl: `${stranger.url}/steal#` },
  { baseUrl: `${stranger.url}/?next=` },
  { provider: 'alttextai', baseUrl: stranger.url },
  { provider: 'openai', model: 'any-vision-model', baseUrl: stranger.url },
];

const expectNoKeyReached = (secret: string) => {
  expect(stranger.carrying(secret)).toEqual([]);
  // Not even a tail of it (the recorder keeps everything it was sent).
  expect(stranger.carrying(secret.slice(-12))).toEqual([]);
};

describe('a key set by ALT_TEXT_API_KEY', () => {
  const ENV_KEY = key('env-key');
  let app: PlaygroundApp;
  let settingsAdmin: Api;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: ENV_KEY, credits: 10 }] });
    ({ app, settingsAdmin } = await bootWithSettingsAdmin({ ALT_TEXT_API_KEY: ENV_KEY, ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab }));
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  test('Verify pointed at another server (with ? and # tails, another provider) sends it nothing and is refused', async () => {
    const mark = stranger.calls.length;
    for (const body of towardsStranger()) {
      const answer = await settingsAdmin('POST', '/auto-alt-text/settings/verify', body);
      expectNoKeyReached(ENV_KEY);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    }
    expect(stranger.calls.slice(mark)).toEqual([]);
  });

  test('provider and base URL are locked to the endpoint the key came with', async () => {
    const view = (await settingsAdmin('GET', '/auto-alt-text/settings')).body.data;
    expect(view.apiKey.source).toBe('env');
    expect(view.locked.baseUrl).toBe('Set by the ALT_TEXT_BASE_URL environment variable');
    expect(view.locked.provider).toBe('Bound to the API key set by ALT_TEXT_API_KEY');
    const refused = await settingsAdmin('PUT', '/auto-alt-text/settings', { baseUrl: stranger.url });
    expect(refused.status).toBe(400);
    expect(Object.keys(fieldErrors(refused.body))).toEqual(['baseUrl']);
  });

  test('Verify of the values in force still asks the configured endpoint with the key', async () => {
    const verified = await settingsAdmin('POST', '/auto-alt-text/settings/verify', {});
    expect(verified.body.data).toMatchObject({ valid: true, credits: { remaining: 10 } });
    const same = await settingsAdmin('POST', '/auto-alt-text/settings/verify', { provider: 'alttextlab', baseUrl: emulator.baseUrls.alttextlab, model: null });
    expect(same.body.data).toMatchObject({ valid: true });
  });
});

describe('a key set in config/plugins with the base URL locked there', () => {
  const CONFIG_KEY = key('config-key');
  let app: PlaygroundApp;
  let settingsAdmin: Api;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: CONFIG_KEY, credits: 10 }] });
    ({ app, settingsAdmin } = await bootWithSettingsAdmin({
      ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ apiKey: CONFIG_KEY, baseUrl: emulator.baseUrls.alttextlab }),
    }));
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  test('Verify pointed at another server sends it nothing; the locked values are refused as Save refuses them', async () => {
    const mark = stranger.calls.length;
    for (const body of towardsStranger()) {
      const answer = await settingsAdmin('POST', '/auto-alt-text/settings/verify', body);
      expectNoKeyReached(CONFIG_KEY);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    }
    const locked = await settingsAdmin('POST', '/auto-alt-text/settings/verify', { baseUrl: stranger.url });
    expect(locked.body.error).toMatchObject({ name: 'ValidationError', message: 'Invalid settings' });
    expect(fieldErrors(locked.body).baseUrl).toBe('is set in config/plugins or the environment and cannot be changed here');
    expect(stranger.calls.slice(mark)).toEqual([]);
  });

  test('the settings view says where the key and the endpoint come from', async () => {
    const view = (await settingsAdmin('GET', '/auto-alt-text/settings')).body.data;
    expect(view.apiKey.source).toBe('config');
    expect(view.locked).toMatchObject({ apiKey: 'Set in config/plugins', baseUrl: 'Set in config/plugins', provider: 'Bound to the API key set in config/plugins' });
  });
});

describe('a key saved in the admin', () => {
  const SAVED_KEY = key('saved-key');
  const TYPED_KEY = key('typed-key');
  let app: PlaygroundApp;
  let settingsAdmin: Api;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: SAVED_KEY, credits: 7 }] });
    ({ app, settingsAdmin } = await bootWithSettingsAdmin({}));
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  test('is saved with the endpoint it is for, and works there', async () => {
    const saved = await settingsAdmin('PUT', '/auto-alt-text/settings', { baseUrl: emulator.baseUrls.alttextlab, apiKey: SAVED_KEY });
    expect(saved.status).toBe(200);
    expect(saved.body.data.apiKey).toMatchObject({ source: 'saved' });
    expect((await settingsAdmin('POST', '/auto-alt-text/settings/verify', {})).body.data).toMatchObject({ valid: true, credits: { remaining: 7 } });
  });

  test('Verify pointed at another server without typing the key sends it nothing, and says to type the key', async () => {
    for (const body of towardsStranger().slice(0, 1).concat(towardsStranger().slice(4))) {
      const answer = await settingsAdmin('POST', '/auto-alt-text/settings/verify', body);
      expectNoKeyReached(SAVED_KEY);
      if (body.provider === 'openai') {
        // A self-hosted OpenAI-compatible server needs no key: it may be asked, with none.
        expect(answer.status).toBe(200);
        continue;
      }
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(fieldErrors(answer.body).apiKey).toMatch(/type the key/i);
    }
  });

  test.each([`/steal?`, `/steal#`, `/?next=`, ``])('a base URL with a query or fragment (%s) is refused by Verify and Save, naming the rule', async (tail) => {
    if (tail === '') {
      const withUser = stranger.url.replace('http://', 'http://user:pass@');
      const refused = await settingsAdmin('POST', '/auto-alt-text/settings/verify', { baseUrl: withUser, apiKey: TYPED_KEY });
      expect(refused.status).toBe(400);
      expect(fieldErrors(refused.body).baseUrl).toMatch(/user name or password/);
      return;
    }
    const verify = await settingsAdmin('POST', '/auto-alt-text/settings/verify', { baseUrl: `${stranger.url}${tail}`, apiKey: TYPED_KEY });
    expect(verify.status).toBe(400);
    expect(fieldErrors(verify.body).baseUrl).toMatch(/no query \(\?…\) and no fragment \(#…\)/);
    const save = await settingsAdmin('PUT', '/auto-alt-text/settings', { baseUrl: `${stranger.url}${tail}`, apiKey: TYPED_KEY });
    expect(save.status).toBe(400);
    expect(fieldErrors(save.body).baseUrl).toMatch(/no query \(\?…\) and no fragment \(#…\)/);
    expect(stranger.carrying(TYPED_KEY)).toEqual([]);
  });

  test('Verify with a key typed in the same request sends that key (and only that key) there', async () => {
    const answer = await settingsAdmin('POST', '/auto-alt-text/settings/verify', { baseUrl: stranger.url, apiKey: TYPED_KEY });
    expect(answer.status).toBe(200);
    expect(answer.body.data.valid).toBe(false);
    expect(stranger.carrying(TYPED_KEY).length).toBeGreaterThan(0);
    expectNoKeyReached(SAVED_KEY);
  });

  test('Save of a new base URL without typing the key again is refused, and nothing is saved', async () => {
    const before = (await settingsAdmin('GET', '/auto-alt-text/settings')).body.data;
    const refused = await settingsAdmin('PUT', '/auto-alt-text/settings', { baseUrl: stranger.url, lang: 'fr' });
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body).apiKey).toMatch(/type the key again/i);
    const providerChange = await settingsAdmin('PUT', '/auto-alt-text/settings', { provider: 'alttextai' });
    expect(providerChange.status).toBe(400);
    expect(fieldErrors(providerChange.body).apiKey).toMatch(/type the key again/i);
    expect((await settingsAdmin('GET', '/auto-alt-text/settings')).body.data).toEqual(before);
    expectNoKeyReached(SAVED_KEY);
  });

  test('a new base URL saved with the key typed again is logged with who changed it and the new host', async () => {
    const logs = captureLogs(app.strapi);
    try {
      const saved = await settingsAdmin('PUT', '/auto-alt-text/settings', { baseUrl: `${stranger.url}/v2`, apiKey: SAVED_KEY });
      expect(saved.status).toBe(200);
      expect(saved.body.data.values.baseUrl).toBe(`${stranger.url}/v2`);
      const host = new URL(stranger.url).host;
      expect(logs.lines.filter((line) => line.startsWith('warn:') && line.includes('settings-only@example.com') && line.includes(host))).toHaveLength(1);
      expect(logs.lines.join('\n')).not.toContain(SAVED_KEY);
    } finally {
      logs.restore();
    }
    // Back to the emulator, typing the key again.
    expect((await settingsAdmin('PUT', '/auto-alt-text/settings', { baseUrl: emulator.baseUrls.alttextlab, apiKey: SAVED_KEY })).status).toBe(200);
  });

  test('when the config moves the endpoint, the saved key is not used there: no key, with one warning', async () => {
    const mark = stranger.calls.length;
    await app.stop({ keepData: true });
    let logs: ReturnType<typeof captureLogs> | undefined;
    app = await bootPlayground({
      env: { ALT_TEXT_AUTO_ON_UPLOAD: 'false', ALT_TEXT_BASE_URL: stranger.url },
      reuse: app.data,
      beforeLoad: (strapi) => (logs = captureLogs(strapi)),
    });
    try {
      const login = await apiFor(app)('POST', '/admin/login', { email: 'settings-only@example.com', password: 'Role-password-1' });
      settingsAdmin = apiFor(app, login.body.data.token);
      const view = (await settingsAdmin('GET', '/auto-alt-text/settings')).body.data;
      expect(view.apiKey).toMatchObject({ source: 'none', hint: null, problem: 'endpoint-changed' });
      const verified = await settingsAdmin('POST', '/auto-alt-text/settings/verify', {});
      expect(verified.body.data).toMatchObject({ valid: false });
      expectNoKeyReached(SAVED_KEY);
      expect(stranger.calls.slice(mark)).toEqual([]);
      // The 30-second refresh reads the store again: the warning is not repeated.
      await pluginServices(app.strapi).settings.load();
      await pluginServices(app.strapi).settings.load();
      expect(logs?.lines.filter((line) => line.startsWith('warn:') && line.includes('saved API key'))).toHaveLength(1);
    } finally {
      logs?.restore();
    }
  });
});

describe('a setting named in config/plugins is locked even when its value is empty', () => {
  let app: PlaygroundApp;
  let settingsAdmin: Api;

  beforeAll(async () => {
    // As an app that writes `baseUrl: env('ALT_TEXT_BASE_URL')` and leaves the variable unset.
    // And fixes one entry-context option, leaving the other two to the admin.
    const extra = { baseUrl: null, lang: 'en', entryContext: { waitSeconds: 5 } };
    ({ app, settingsAdmin } = await bootWithSettingsAdmin({ ALT_TEXT_AUTO_ON_UPLOAD: undefined, ALT_TEXT_EXTRA_CONFIG: JSON.stringify(extra) }));
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('baseUrl named with no value (and with it the provider), and lang named with its default value, are locked; the rest stays editable', async () => {
    const mark = stranger.calls.length;
    const view = (await settingsAdmin('GET', '/auto-alt-text/settings')).body.data;
    expect(view.locked).toEqual({
      baseUrl: 'Set in config/plugins',
      provider: 'Bound to the base URL set in config/plugins',
      lang: 'Set in config/plugins',
      'entryContext.waitSeconds': 'Set in config/plugins',
    });
    expect((await settingsAdmin('PUT', '/auto-alt-text/settings', { provider: 'alttextai' })).body.error.details.errors).toEqual([
      expect.objectContaining({ path: ['provider'], code: 'locked' }),
    ]);
    expect(view.values.baseUrl).toBeNull();
    const refused = await settingsAdmin('PUT', '/auto-alt-text/settings', { baseUrl: stranger.url });
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body)).toEqual({ baseUrl: 'is set in config/plugins or the environment and cannot be changed here' });
    const verify = await settingsAdmin('POST', '/auto-alt-text/settings/verify', { baseUrl: stranger.url, apiKey: 'typed-000000000000' });
    expect(verify.status).toBe(400);
    expect((await settingsAdmin('PUT', '/auto-alt-text/settings', { style: 'minimal' })).status).toBe(200);
    expect(stranger.calls.slice(mark)).toEqual([]);
  });

  test('an entry-context option fixed there is refused; the others are saved one by one and are in force', async () => {
    const before = (await settingsAdmin('GET', '/auto-alt-text/settings')).body.data;
    expect(before.values.entryContext).toEqual({ enabled: true, waitSeconds: 5, upgrade: false });

    const refused = await settingsAdmin('PUT', '/auto-alt-text/settings', { entryContext: { waitSeconds: 0, upgrade: true } });
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body)).toEqual({ 'entryContext.waitSeconds': 'is set in config/plugins or the environment and cannot be changed here' });

    expect((await settingsAdmin('PUT', '/auto-alt-text/settings', { entryContext: { upgrade: true } })).status).toBe(200);
    const saved = await settingsAdmin('PUT', '/auto-alt-text/settings', { entryContext: { enabled: false, waitSeconds: 5 } });
    expect(saved.status).toBe(200);
    expect(saved.body.data.values.entryContext).toEqual({ enabled: false, waitSeconds: 5, upgrade: true });
    const unknown = await settingsAdmin('PUT', '/auto-alt-text/settings', { entryContext: { maxChars: 900 } });
    expect(fieldErrors(unknown.body)).toEqual({ 'entryContext.maxChars': 'is not a setting that can be changed' });
  });
});
