import { randomBytes } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { startEmulator, type Emulator } from '../../emulator/server';
import { deriveSigningKeys, signedQuery, SIGNATURE_INVALID, URL_EXPIRED } from '../../server/src/image-source/url-signer';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { sharedS3Client } from '../harness/test-s3';
import { solidPng } from '../support/images';
import { fileRows, pluginServices } from '../support/plugin';
import { uploadThroughApi } from '../support/upload';
import { waitFor } from '../support/wait-for';
import { ADMIN_ROUTES, apiFor, registerSuperAdmin, userWithRole, type Api } from '../reliability/admin';
import { mulberry32 } from '../reliability/prng';
import { sweepForSecrets, watchSecrets, type SecretWatch } from '../reliability/secret-sweep';

/**
 * Reliability suite, security: the wrong user, the public internet and hostile query strings get
 * nothing; the key never leaves the server; settings are validated field by field.
 * The app stores in the private radosgw bucket; the API key is saved from the admin (not the env).
 */
const API_KEY = `security-key-${randomBytes(12).toString('hex')}`;
const ROUTE = '/api/auto-alt-text/image';
/** koa-router layers as `strapi.server.listRoutes()` returns them. */
const routeLayers = (target: PlaygroundApp) => target.strapi.server.listRoutes() as unknown as Array<{ path: string; methods: string[] }>;
const errorBody = (status: number, name: string, message: string) => ({ data: null, error: { status, name, message, details: {} } });

let emulator: Emulator;
let app: PlaygroundApp;
let watch: SecretWatch;
let admin: Api;
let author: Api;
let editor: Api;
let anonymous: Api;
let contentToken: Api;
const handedOut: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 100 }] });
  app = await bootPlayground({
    env: {
      ALT_TEXT_PROVIDER: 'alttextlab',
      ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
      ALT_TEXT_POLL_INTERVAL_MS: '100',
      ALT_TEXT_REQUESTS_PER_SECOND: '0',
    },
  });
  watch = watchSecrets(app.strapi);
  const record = (response: { method: string; path: string; text: string }) => watch.record(`${response.method} ${response.path}`, response.text);
  admin = apiFor(app, await registerSuperAdmin(app), record);
  author = apiFor(app, await userWithRole(app, 'strapi-author', 'author@example.com'), record);
  editor = apiFor(app, await userWithRole(app, 'strapi-editor', 'editor@example.com'), record);
  anonymous = apiFor(app, undefined, record);
  contentToken = apiFor(app, app.apiToken, record);
});

afterAll(async () => {
  watch?.restore();
  await app?.stop();
  await emulator?.close();
});

describe('the API key', () => {
  test('saved from the admin, it is used but never sent back: GET /settings shows a hint only', async () => {
    const saved = await admin('PUT', '/auto-alt-text/settings', { apiKey: API_KEY });
    expect(saved.status).toBe(200);
    expect(saved.body.data.apiKey).toEqual({ source: 'saved', hint: `…${API_KEY.slice(-4)}` });
    const read = await admin('GET', '/auto-alt-text/settings');
    expect(read.status).toBe(200);
    expect(read.text).not.toContain(API_KEY);
    expect(read.text).not.toContain(API_KEY.slice(0, 12));
    expect(JSON.stringify(read.body.data.values)).not.toMatch(/apiKey/);

    // And it works: an upload gets its alt text with that key.
    const { files } = await uploadThroughApi(app, { bytes: await solidPng(90, 70, { r: 30, g: 160, b: 40 }), name: 'keyed.png', mime: 'image/png' });
    await waitFor('alt text', async () => (await fileRows(app.strapi, [files[0].id]))[0].alternativeText ?? undefined);
    expect(emulator.requests[0].key).toBe(`…${API_KEY.slice(-4)}`);
  });
});

describe('permissions', () => {
  test('author and editor get 403 on every settings, generate, bulk (and read) route; no login gets 401; a content-API token gets 401', async () => {
    const seen: string[] = [];
    for (const route of ADMIN_ROUTES) {
      const label = `${route.method} ${route.path}`;
      const statuses = {
        author: (await author(route.method, route.path, route.body)).status,
        editor: (await editor(route.method, route.path, route.body)).status,
        anonymous: (await anonymous(route.method, route.path, route.body)).status,
        contentToken: (await contentToken(route.method, route.path, route.body)).status,
      };
      expect({ label, statuses }).toEqual({ label, statuses: { author: 403, editor: 403, anonymous: 401, contentToken: 401 } });
      seen.push(label);
    }
    // The list covers every admin route the plugin registers.
    const registered = routeLayers(app)
      .filter((layer) => layer.path.startsWith('/auto-alt-text/'))
      .flatMap((layer) => layer.methods.filter((method) => method !== 'HEAD').map((method) => `${method} ${layer.path}`));
    const normalised = (label: string) => label.replace(/\?.*$/, '').replace(/\/\d+(?=\/|$)/, '/:id');
    expect(new Set(seen.map(normalised))).toEqual(new Set(registered));
  });

  test('the super admin is let through (the 403s above are permissions, not missing routes)', async () => {
    for (const path of ['/auto-alt-text/settings', '/auto-alt-text/status', '/auto-alt-text/runs', '/auto-alt-text/failures', '/auto-alt-text/media']) {
      expect([path, (await admin('GET', path)).status]).toEqual([path, 200]);
    }
  });

  test('the content API exposes only the signed image route', async () => {
    const contentRoutes = routeLayers(app)
      .filter((layer) => layer.path.startsWith('/api/auto-alt-text'))
      .map((layer) => `${layer.methods.filter((method) => method !== 'HEAD').join(',')} ${layer.path}`);
    expect(contentRoutes).toEqual([`GET ${ROUTE}`]);
    for (const path of ['/api/auto-alt-text/settings', '/api/auto-alt-text/status', '/api/auto-alt-text/runs', '/api/auto-alt-text/media', '/api/auto-alt-text']) {
      expect([path, (await anonymous('GET', path)).status]).toEqual([path, 404]);
      expect([path, (await contentToken('GET', path)).status]).toEqual([path, 404]);
    }
  });
});

describe('settings validation', () => {
  const fieldErrors = (body: any) => (body.error.details.errors as Array<{ path: string[]; message: string }>).map((error) => ({ path: error.path.join('.'), message: error.message }));

  test.each([
    ['an unknown key', { colour: 'red' }, 'colour'],
    ['a negative concurrency', { concurrency: -1 }, 'concurrency'],
    ['a zero concurrency', { concurrency: 0 }, 'concurrency'],
    ['a huge concurrency', { concurrency: 1_000_000 }, 'concurrency'],
    ['a fractional concurrency', { concurrency: 2.5 }, 'concurrency'],
    ['a concurrency that is a string', { concurrency: '4' }, 'concurrency'],
    ['a negative requestsPerSecond', { requestsPerSecond: -3 }, 'requestsPerSecond'],
    ['an unknown provider', { provider: 'skynet' }, 'provider'],
    ['an unknown language', { lang: 'english!' }, 'lang'],
    ['a language with a path in it', { lang: '../../etc' }, 'lang'],
    ['an unknown image delivery', { imageDelivery: 'carrier-pigeon' }, 'imageDelivery'],
    ['a maxLength out of range', { maxLength: 5 }, 'maxLength'],
  ])('%s → 400 with a field error naming it, nothing saved', async (_name, body, field) => {
    const before = (await admin('GET', '/auto-alt-text/settings')).body.data;
    const refused = await admin('PUT', '/auto-alt-text/settings', body);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ status: 400, name: 'ValidationError', message: 'Invalid settings' });
    expect(fieldErrors(refused.body).map((error) => error.path)).toContain(field);
    expect((await admin('GET', '/auto-alt-text/settings')).body.data).toEqual(before);
  });

  test('several mistakes at once are all named', async () => {
    const refused = await admin('PUT', '/auto-alt-text/settings', { provider: 'skynet', colour: 'red', size: 3 });
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body).map((error) => error.path).sort()).toEqual(['colour', 'provider', 'size']);
  });

  test('bodies that are not an object are a 400, never a 500', async () => {
    for (const body of ['[]', '"text"', '42', 'null', '{"concurrency":', '{"__proto__":{"concurrency":1000}}']) {
      const response = await admin('PUT', '/auto-alt-text/settings', body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    expect((await admin('GET', '/auto-alt-text/settings')).body.data.values.concurrency).toBe(2);
  });
});

describe('the plugin-signed image route on private S3 storage', () => {
  let keys: Buffer[];
  let mine: { id: number; bytes: Buffer };
  let theirs: { id: number; bytes: Buffer };
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (fileId: number, exp = now() + 60) => {
    const query = signedQuery(keys[0], { fileId, variant: 'original', exp });
    handedOut.push(new URLSearchParams(query).get('sig') as string);
    return query;
  };
  const storedBytes = async (fileId: number) => {
    const row = (await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: fileId } })) as { hash: string; ext: string };
    const answer = await sharedS3Client().send(new GetObjectCommand({ Bucket: app.s3.bucket, Key: `${app.s3.rootPath}/${row.hash}${row.ext}` }));
    return Buffer.from(await (answer.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
  };
  const fetchQuery = async (query: string) => {
    const response = await fetch(`${app.url}${ROUTE}?${query}`);
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  /** Never a 500, never anybody's bytes: the documented 400 (or Node's own 431 for a URL over its header limit). */
  const refusedWith = async (query: string, message: string) => {
    const { status, bytes } = await fetchQuery(query);
    const label = query.length > 100 ? `${query.slice(0, 100)}…(${query.length})` : query;
    expect({ label, status }).toEqual({ label, status: 400 });
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(errorBody(400, 'BadRequestError', message));
    expect(bytes.includes(mine.bytes.subarray(0, 64))).toBe(false);
    expect(bytes.includes(theirs.bytes.subarray(0, 64))).toBe(false);
  };

  beforeAll(async () => {
    keys = deriveSigningKeys({ appKeys: app.strapi.config.get('server.app.keys') as string[] });
    await pluginServices(app.strapi).settings.update({ autoOnUpload: false });
    const a = await uploadThroughApi(app, { bytes: await solidPng(64, 64, { r: 220, g: 20, b: 20 }), name: 'mine.png', mime: 'image/png' });
    const b = await uploadThroughApi(app, { bytes: await solidPng(64, 64, { r: 20, g: 20, b: 220 }), name: 'theirs.png', mime: 'image/png' });
    mine = { id: a.files[0].id, bytes: await storedBytes(a.files[0].id) };
    theirs = { id: b.files[0].id, bytes: await storedBytes(b.files[0].id) };
  });
  afterAll(() => pluginServices(app.strapi).settings.update({ autoOnUpload: true }));

  test('a genuine URL answers 200 with exactly that file’s bytes', async () => {
    const { status, bytes } = await fetchQuery(sign(mine.id));
    expect(status).toBe(200);
    expect(bytes.equals(mine.bytes)).toBe(true);
  });

  test('tampered, replayed for another file, missing, repeated and unknown parameters: 400 "Signature invalid"', async () => {
    const query = sign(mine.id);
    const sig = new URLSearchParams(query).get('sig') as string;
    const without = (name: string) => query.split('&').filter((part) => !part.startsWith(`${name}=`)).join('&');
    const cases = [
      query.replace(sig, `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`),
      query.replace(`file=${mine.id}`, `file=${theirs.id}`),
      `file=${theirs.id}&variant=original&exp=${new URLSearchParams(query).get('exp')}&sig=${sig}`,
      query.replace('variant=original', 'variant=thumbnail'),
      without('file'),
      without('variant'),
      without('exp'),
      without('sig'),
      '',
      `${query}&file=${mine.id}`,
      `${query}&file=${theirs.id}`,
      `file=${theirs.id}&${query}`,
      `${query}&sig=${sig}`,
      `${query}&download=1`,
      `${query}&file[$ne]=1`,
    ];
    for (const tampered of cases) await refusedWith(tampered, SIGNATURE_INVALID);
  });

  test('a genuine URL after its expiry: 400 "URL expired"; a forged one with a past expiry: "Signature invalid"', async () => {
    await refusedWith(sign(mine.id, now() - 5), URL_EXPIRED);
    const forged = signedQuery(deriveSigningKeys({ appKeys: ['not-this-app'] })[0], { fileId: mine.id, variant: 'original', exp: now() - 5 });
    await refusedWith(forged, SIGNATURE_INVALID);
  });

  test('very long parameters: 400 "Signature invalid" up to Node’s URL limit, Node’s own 431 beyond it — never a 500', async () => {
    const query = sign(mine.id);
    for (const long of [
      query.replace(/sig=[0-9a-f]+/, `sig=${'a'.repeat(4000)}`),
      query.replace(`file=${mine.id}`, `file=${'9'.repeat(300)}`),
      query.replace('variant=original', `variant=${'original'.repeat(500)}`),
      `${query}${'&x=y'.repeat(3000)}`,
    ]) {
      await refusedWith(long, SIGNATURE_INVALID);
    }
    const huge = await fetchQuery(`${query}&pad=${'z'.repeat(100_000)}`);
    expect(huge.status).toBe(431);
    expect(huge.bytes.includes(mine.bytes.subarray(0, 64))).toBe(false);
  });

  test('300 seeded random mutations of a genuine URL over HTTP: only the untouched claim is ever served, never a 500', async () => {
    const random = mulberry32(0xa17);
    const query = sign(mine.id);
    const chars = '0123456789abcdef&=%[]$._-/';
    const statuses = new Map<number, number>();
    for (let i = 0; i < 300; i += 1) {
      let mutated = query;
      const at = random.int(0, mutated.length - 1);
      switch (random.int(0, 3)) {
        case 0:
          mutated = mutated.slice(0, at) + random.string(chars, 1) + mutated.slice(at + 1);
          break;
        case 1:
          mutated = mutated.slice(0, at) + mutated.slice(at + 1);
          break;
        case 2:
          mutated = mutated.split('&').sort(() => random.next() - 0.5).join('&');
          break;
        default:
          mutated = `${mutated}&${random.string(chars, random.int(1, 12))}`;
      }
      const { status, bytes } = await fetchQuery(mutated);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      expect({ i, mutated, status: status === 200 || status === 400 }).toEqual({ i, mutated, status: true });
      if (status === 200) expect(bytes.equals(mine.bytes)).toBe(true);
      expect(bytes.includes(theirs.bytes.subarray(0, 64))).toBe(false);
    }
    // Reordering the four parameters keeps the same claim (served); nearly everything else is refused.
    expect(statuses.get(400)).toBeGreaterThan(200);
  });
});

describe('secrets', () => {
  test('no log line (any level, Strapi’s request log included), job record or admin API response carried the key or a signature', async () => {
    // Give the sweep something to look at: a bulk run over HTTP, its URLs handed to the provider.
    const run = await admin('POST', '/auto-alt-text/runs', { scope: { kind: 'missing' } });
    expect(run.status).toBe(200);
    await waitFor('the run to finish', async () => ((await admin('GET', `/auto-alt-text/runs/${run.body.data.id}`)).body.data.status === 'done' ? true : undefined));
    await admin('POST', '/auto-alt-text/settings/verify', {});
    await admin('POST', '/auto-alt-text/settings/verify', { apiKey: 'wrong-key-0000000000' });

    const result = await sweepForSecrets({ strapi: app.strapi, watch, admin, secrets: [API_KEY, 'wrong-key-0000000000'], signatures: handedOut, emulator });
    expect(result.findings).toEqual([]);
    expect(result.scanned.signaturesHanded).toBeGreaterThan(3);
    expect(watch.lines.some((line) => line.startsWith('http: GET /api/auto-alt-text/image'))).toBe(true);
  });
});
