import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { apiFor, registerSuperAdmin, type Api } from '../reliability/admin';

/**
 * Verify over real HTTP tells apart what an admin must do: a refused key (the emulator's 401), an
 * address where nothing answers (a closed port), an address that answers but is not the provider's
 * API (an HTML page, a 404), and settings the provider cannot work with (OpenAI-compatible without
 * a model). Each is a code with a plain message that names no key; none costs a credit.
 */
const KEY = `verify-key-${randomBytes(10).toString('hex')}`;
const WRONG_KEY = `wrong-key-${randomBytes(10).toString('hex')}`;

/** A web server that is not an alt-text API: an HTML page at `/`, 404 with HTML anywhere else. */
const startWebsite = () =>
  new Promise<{ url: string; server: Server }>((resolve) => {
    const server = createServer((req, res) => {
      const home = req.url === '/' || req.url === '/subscriptions/info';
      res.writeHead(home ? 200 : 404, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><html><body>${home ? 'Welcome' : 'Not found'} ${req.url}</body></html>`);
    });
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }));
  });

/** A port on loopback nobody listens on: one taken and released. */
const closedPort = () =>
  new Promise<string>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(`http://127.0.0.1:${port}/api/v1`));
    });
  });

describe('Verify tells a refused key from an address that does not answer or is not the API', () => {
  let emulator: Emulator;
  let website: { url: string; server: Server };
  let app: PlaygroundApp;
  let admin: Api;
  const answers: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: KEY, credits: 25, plan: 'Pro' }] });
    website = await startWebsite();
    app = await bootPlayground({ env: { ALT_TEXT_AUTO_ON_UPLOAD: 'false', ALT_TEXT_CREDITS_PROBE_SECONDS: '0' } });
    admin = apiFor(app, await registerSuperAdmin(app), (response) => answers.push(response.text));
  });

  afterAll(async () => {
    await app?.stop();
    await new Promise((resolve) => website?.server.close(resolve));
    await emulator?.close();
  });

  const verify = async (body: Record<string, unknown>) => {
    const response = await admin('POST', '/auto-alt-text/settings/verify', body);
    expect(response.status).toBe(200);
    return response.body.data;
  };

  test('the right key at the emulator is valid', async () => {
    const result = await verify({ baseUrl: emulator.baseUrls.alttextlab, apiKey: KEY });
    expect(result).toMatchObject({ valid: true, outcome: 'valid', account: 'Pro', credits: { remaining: 25 }, params: { host: new URL(emulator.url).host } });
  });

  test('a key the emulator refuses (401) is an invalid key', async () => {
    const result = await verify({ baseUrl: emulator.baseUrls.alttextlab, apiKey: WRONG_KEY });
    expect(result).toMatchObject({ valid: false, outcome: 'invalidKey' });
    expect(result.message).toMatch(/refused the key/);
  });

  test('a closed port is unreachable, not an invalid key', async () => {
    const baseUrl = await closedPort();
    const result = await verify({ baseUrl, apiKey: KEY });
    expect(result).toMatchObject({ valid: false, outcome: 'unreachable', params: { host: new URL(baseUrl).host }, error: { code: 'TRANSIENT' } });
    expect(result.params.status).toBeUndefined();
    expect(result.message).toMatch(/^nothing answered at 127\.0\.0\.1:\d+/);
  });

  test('a website answering HTML where the API should be is a wrong endpoint', async () => {
    const result = await verify({ baseUrl: website.url, apiKey: KEY });
    expect(result).toMatchObject({ valid: false, outcome: 'wrongEndpoint', params: { status: 200 }, error: { code: 'BAD_RESPONSE' } });
  });

  test.each([
    ['an OpenAI-compatible provider', { provider: 'openai', model: 'gpt-4o-mini' }],
    ['AltTextAI', { provider: 'alttextai' }],
  ])('a 404 where %s should answer is a wrong endpoint (today: "INVALID KEY" with a raw MISCONFIGURED)', async (_name, endpoint) => {
    const result = await verify({ ...endpoint, baseUrl: `${website.url}/nothing-here/v1`, apiKey: KEY });
    expect(result).toMatchObject({ valid: false, outcome: 'wrongEndpoint', params: { status: 404 } });
    expect(result.message).not.toMatch(/MISCONFIGURED|BAD_RESPONSE|openai:|alttextai:/);
  });

  test('an OpenAI-compatible provider without a model is misconfigured: the key works, the model is missing', async () => {
    emulator.addAccount({ key: KEY, credits: 25, plan: 'Pro' });
    const result = await verify({ provider: 'openai', model: null, baseUrl: emulator.baseUrls.openai, apiKey: KEY });
    expect(result).toMatchObject({ valid: true, outcome: 'misconfigured', params: { setting: 'model' } });
    expect(result.message).toMatch(/no model is set/);
  });

  test('no answer carried a key, and no Verify cost a credit or a generation call', () => {
    for (const text of answers) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(WRONG_KEY);
    }
    expect(emulator.requests).toHaveLength(0);
    expect(emulator.account(KEY)?.charged).toBe(0);
  });
});

describe('Save answers each field error with a code and its parameters, in Strapi’s ValidationError shape', () => {
  let app: PlaygroundApp;
  let admin: Api;

  beforeAll(async () => {
    app = await bootPlayground({ env: { ALT_TEXT_AUTO_ON_UPLOAD: 'false', ALT_TEXT_CREDITS_PROBE_SECONDS: '0' } });
    admin = apiFor(app, await registerSuperAdmin(app));
  });

  afterAll(async () => {
    await app?.stop();
  });

  test('out-of-range numbers and an unknown language: path, English message, name, code and params', async () => {
    const refused = await admin('PUT', '/auto-alt-text/settings', { concurrency: 33, maxLength: 5, lang: 'xx' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ name: 'ValidationError', message: 'Invalid settings' });
    expect(refused.body.error.details.errors).toEqual(
      expect.arrayContaining([
        { path: ['concurrency'], message: 'Too big: expected number to be <=32', name: 'ValidationError', code: 'tooBig', params: { max: 32 } },
        { path: ['maxLength'], message: 'Too small: expected number to be >=20', name: 'ValidationError', code: 'tooSmall', params: { min: 20 } },
        expect.objectContaining({ path: ['lang'], code: 'unknownLanguage', params: { lang: 'xx' }, message: expect.stringContaining('"xx" is not a known language code') }),
      ])
    );
    expect((await admin('GET', '/auto-alt-text/settings')).body.data.values).toMatchObject({ concurrency: 2, maxLength: 250, lang: 'en' });
  });

  test('known BCP-47 codes are saved as written; a language the provider does not write in is refused on lang', async () => {
    const saved = await admin('PUT', '/auto-alt-text/settings', { lang: 'pt-br' });
    expect(saved.status).toBe(200);
    expect(saved.body.data.values.lang).toBe('pt-br');
    const refused = await admin('PUT', '/auto-alt-text/settings', { provider: 'alttextai', lang: 'sv' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors).toEqual([
      expect.objectContaining({ path: ['lang'], code: 'unsupportedLanguage', params: { lang: 'sv', provider: 'alttextai' } }),
    ]);
    const switched = await admin('PUT', '/auto-alt-text/settings', { provider: 'alttextai', lang: 'de' });
    expect(switched.status).toBe(200);
  });

  test('an unknown key and a wrong type are coded too', async () => {
    const refused = await admin('PUT', '/auto-alt-text/settings', { colour: 'red', autoOnUpload: 'yes' });
    expect(refused.body.error.details.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['colour'], code: 'unknownKey' }),
        expect.objectContaining({ path: ['autoOnUpload'], code: 'wrongType', params: { expected: 'boolean' } }),
      ])
    );
  });
});
