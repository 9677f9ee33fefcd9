import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/server';
import { pluginConfigSchema, type PluginConfig } from '../../server/src/config/schema';
import { createImageSource } from '../../server/src/image-source';
import { parseDeliverySettings } from '../../server/src/config/delivery';
import type { StoredFile } from '../../server/src/image-source/types';
import { deriveSigningKeys, signedQuery } from '../../server/src/image-source/url-signer';
import { bootPlayground, PLAYGROUND_DIR, type PlaygroundApp } from '../harness/strapi-app';
import { solidPng, tinyPdf } from '../support/images';
import { uploadThroughApi, type UploadedFile } from '../support/upload';
import { sleep } from '../support/wait-for';

/**
 * The plugin-signed image route, for private storage that is not S3: the playground on the LOCAL
 * upload provider, the route at `GET /api/auto-alt-text/image?file&variant&exp&sig`.
 */
const API_KEY = `signed-key-${randomBytes(12).toString('hex')}`;
const FILE_UID = 'plugin::upload.file';
const UPLOAD_DIR = path.join(PLAYGROUND_DIR, 'public', 'uploads');
const ROUTE = '/api/auto-alt-text/image';

const SIGNATURE_INVALID = { data: null, error: { status: 400, name: 'BadRequestError', message: 'Signature invalid', details: {} } };
const URL_EXPIRED = { data: null, error: { status: 400, name: 'BadRequestError', message: 'URL expired', details: {} } };
const NOT_FOUND = { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not found', details: {} } };

type Outcome = { status: string; code?: string; strategy?: string; text?: string };

describe('the plugin-signed image route (local upload provider)', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  const uploaded: UploadedFile[] = [];
  const planted: string[] = [];

  const row = async (id: number) => (await app.strapi.db.query(FILE_UID).findOne({ where: { id } })) as StoredFile;
  const configWith = (overrides: Partial<PluginConfig>) =>
    pluginConfigSchema.parse({ ...(app.strapi.config.get('plugin::auto-alt-text') as object), ...overrides });
  /** A URL exactly as the plugin hands it to a provider. */
  const signedUrlFor = async (file: StoredFile, expiresSeconds = 60): Promise<URL> => {
    const source = createImageSource(app.strapi, configWith({ imageDelivery: 'signed', presignExpiresSeconds: expiresSeconds }), parseDeliverySettings({}));
    const resolved = await source.resolve(file, { accepts: ['url'] });
    expect(resolved.strategy).toBe('signed');
    return new URL((resolved.image as { url: string }).url);
  };
  const get = (pathAndQuery: string) => fetch(`${app.url}${pathAndQuery}`);
  const getQuery = (query: string) => get(`${ROUTE}?${query}`);
  const upload = async (name: string, rgb: { r: number; g: number; b: number }) => {
    const { files } = await uploadThroughApi(app, { bytes: await solidPng(72, 56, rgb), name, mime: 'image/png' });
    uploaded.push(files[0]);
    return row(files[0].id);
  };
  /** A file row written straight to the database, as a compromised or buggy writer could. */
  const craftedRow = async (data: Partial<StoredFile>) =>
    (await app.strapi.db.query(FILE_UID).create({
      data: { name: 'crafted.png', hash: 'crafted', ext: '.png', mime: 'image/png', size: 1, url: '/uploads/crafted.png', provider: 'local', ...data },
    })) as StoredFile;

  beforeAll(async () => {
    // The local provider refuses to start without its folder (git does not keep empty folders).
    mkdirSync(UPLOAD_DIR, { recursive: true });
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 100 }] });
    app = await bootPlayground({
      env: {
        S3_ENDPOINT: undefined,
        ALT_TEXT_PROVIDER: 'alttextlab',
        ALT_TEXT_API_KEY: API_KEY,
        ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
        ALT_TEXT_AUTO_ON_UPLOAD: 'false',
        ALT_TEXT_IMAGE_DELIVERY: 'signed',
        ALT_TEXT_PRESIGN_EXPIRES_SECONDS: '60',
      },
    });
    // The port is only known once listening; a real site sets server.url in config/server.
    app.strapi.config.set('server.url', app.url);
  });

  afterAll(async () => {
    for (const file of uploaded) {
      const stored = await app?.strapi.db.query(FILE_UID).findOne({ where: { id: file.id } });
      if (stored) await app.strapi.plugin('upload').service('upload').remove(stored);
    }
    for (const link of planted) rmSync(link, { force: true });
    await app?.stop();
    await emulator?.close();
  });

  test('the files really are on the local provider, under the playground\'s upload folder', async () => {
    const file = await upload('where.png', { r: 10, g: 10, b: 10 });
    expect(file).toMatchObject({ provider: 'local', url: `/uploads/${file.hash}${file.ext}` });
    expect(readFileSync(path.join(UPLOAD_DIR, `${file.hash}${file.ext}`)).length).toBeGreaterThan(0);
  });

  test('a valid signed URL answers 200 with the stored image, uncacheable and unsniffable', async () => {
    const file = await upload('valid.png', { r: 220, g: 20, b: 20 });
    const url = await signedUrlFor(file);
    expect(url.pathname).toBe(ROUTE);
    expect([...url.searchParams.keys()]).toEqual(['file', 'variant', 'exp', 'sig']);

    const response = await fetch(url);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(readFileSync(path.join(UPLOAD_DIR, `${file.hash}${file.ext}`)))).toBe(true);
  });

  test('the provider fetches the signed URL itself, and the outcome records "signed"', async () => {
    const file = await upload('via-provider.png', { r: 20, g: 160, b: 40 });
    emulator.reset();

    const outcome = (await app.strapi.plugin('auto-alt-text').service('generation').generateForFile(file.id)) as Outcome;

    expect(outcome).toMatchObject({ status: 'written', strategy: 'signed', text: expect.stringContaining('72×56') });
    const [request] = emulator.requests;
    expect(request).toMatchObject({ imageSource: 'url', imageFetchStatus: 200 });
    expect(new URL(request.imageUrl as string).pathname).toBe(ROUTE);
  });

  test('a tampered signature, another file\'s id or another variant is "Signature invalid"', async () => {
    const mine = await upload('mine.png', { r: 30, g: 60, b: 220 });
    const theirs = await upload('theirs.png', { r: 250, g: 220, b: 30 });
    const query = (await signedUrlFor(mine)).searchParams;
    const swap = (name: string, value: string) => {
      const copy = new URLSearchParams(query);
      copy.set(name, value);
      return copy.toString();
    };
    const sig = query.get('sig') as string;

    for (const tampered of [
      swap('sig', `${sig.slice(0, 10)}${sig[10] === 'a' ? 'b' : 'a'}${sig.slice(11)}`),
      swap('file', String(theirs.id)),
      swap('variant', 'thumbnail'),
      swap('exp', String(Number(query.get('exp')) + 1)),
    ]) {
      const response = await getQuery(tampered);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual(SIGNATURE_INVALID);
    }
  });

  test('a URL signed by another app (other APP_KEYS) is "Signature invalid"', async () => {
    const file = await upload('other-app.png', { r: 128, g: 0, b: 160 });
    const [otherKey] = deriveSigningKeys({ appKeys: ['another-app-key'] });
    const response = await getQuery(signedQuery(otherKey, { fileId: file.id, variant: 'original', exp: Math.floor(Date.now() / 1000) + 60 }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(SIGNATURE_INVALID);
  });

  test('a genuine URL after its expiry is "URL expired"', async () => {
    const file = await upload('expiring.png', { r: 0, g: 128, b: 128 });
    const url = await signedUrlFor(file, 1);
    expect((await fetch(url)).status).toBe(200);

    await sleep(2100);

    const response = await fetch(url);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(URL_EXPIRED);
  });

  test('missing, repeated, unknown, encoded and oversized parameters are all "Signature invalid", never a 500', async () => {
    const file = await upload('params.png', { r: 255, g: 160, b: 190 });
    const query = (await signedUrlFor(file)).search.slice(1);
    const without = (name: string) => query.split('&').filter((part) => !part.startsWith(`${name}=`)).join('&');
    const cases = [
      '',
      without('file'),
      without('variant'),
      without('exp'),
      without('sig'),
      `${query}&file=${file.id}`,
      `${query}&sig=${'0'.repeat(64)}`,
      `${query}&download=1`,
      `${query}&populate=*`,
      `${query}&file[$ne]=1`,
      query.replace(`file=${file.id}`, `file=${encodeURIComponent(String(file.id)).replace(/\d/g, (d) => `%3${d}`)}`),
      query.replace(/sig=[0-9a-f]+/, `sig=${'a'.repeat(6000)}`),
      query.replace(`file=${file.id}`, `file=${'9'.repeat(300)}`),
      `${query}${'&x=y'.repeat(1500)}`,
      query.replace('variant=original', 'variant=../../config/server'),
    ];
    for (const garbled of cases) {
      const response = await getQuery(garbled);
      expect({ garbled: garbled.slice(0, 80), status: response.status }).toEqual({ garbled: garbled.slice(0, 80), status: 400 });
      expect(await response.json()).toEqual(SIGNATURE_INVALID);
    }
  });

  test('300 random query strings never get anything but 400', async () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789=&%[]$.-_/\\:;,~!*\'()';
    const statuses = new Set<number>();
    for (let i = 0; i < 300; i += 1) {
      const length = 1 + (randomBytes(1)[0] % 200);
      const junk = Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
      statuses.add((await getQuery(junk)).status);
    }
    expect([...statuses]).toEqual([400]);
  });

  test('no path outside the file\'s storage can be reached, even with a valid signature for a crafted row', async () => {
    const configFile = readFileSync(path.join(PLAYGROUND_DIR, 'config', 'server.js'), 'utf8');
    const link = path.join(UPLOAD_DIR, `planted_${randomBytes(4).toString('hex')}.png`);
    symlinkSync(path.join(PLAYGROUND_DIR, 'config', 'server.js'), link);
    planted.push(link);
    const traversal = await craftedRow({ hash: '../../config/server', ext: '.js', url: '/uploads/../../config/server.js' });
    const absolute = await craftedRow({ hash: '/etc/passwd', ext: '', url: '/etc/passwd' });
    const symlinked = await craftedRow({ hash: path.basename(link, '.png'), ext: '.png', url: `/uploads/${path.basename(link)}` });

    for (const file of [traversal, absolute, symlinked]) {
      const response = await fetch(await signedUrlFor(file));
      const body = await response.text();
      expect(response.status).toBe(404);
      expect(JSON.parse(body)).toEqual(NOT_FOUND);
      expect(body).not.toContain(configFile.slice(0, 40));
    }
  });

  test('the route takes no path: extra path segments do not reach any file', async () => {
    const file = await upload('path.png', { r: 40, g: 170, b: 40 });
    const query = (await signedUrlFor(file)).search;
    for (const attempt of [`${ROUTE}/../../config/server.js${query}`, `${ROUTE}/..%2f..%2fconfig%2fserver.js${query}`, `${ROUTE}/${file.hash}${file.ext}${query}`]) {
      const response = await get(attempt);
      expect(response.status).not.toBe(200);
      expect(response.status).toBeLessThan(500);
    }
  });

  test('a validly signed URL for a file that is not an image, or no longer exists, is "Not found"', async () => {
    const pdf = await uploadThroughApi(app, { bytes: tinyPdf(), name: 'report.pdf', mime: 'application/pdf' });
    uploaded.push(pdf.files[0]);
    const pdfRow = await row(pdf.files[0].id);
    const [key] = deriveSigningKeys({ appKeys: app.strapi.config.get('server.app.keys') as string[] });
    const exp = Math.floor(Date.now() / 1000) + 60;

    const pdfResponse = await getQuery(signedQuery(key, { fileId: pdfRow.id, variant: 'original', exp }));
    expect(pdfResponse.status).toBe(404);
    expect(await pdfResponse.json()).toEqual(NOT_FOUND);

    const gone = await upload('gone.png', { r: 192, g: 192, b: 192 });
    const url = await signedUrlFor(gone);
    await app.strapi.plugin('upload').service('upload').remove(gone);
    const goneResponse = await fetch(url);
    expect(goneResponse.status).toBe(404);
    expect(await goneResponse.json()).toEqual(NOT_FOUND);
  });
});
