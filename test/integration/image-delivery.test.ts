import { randomBytes } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Core } from '@strapi/strapi';
import { describeImage } from '../../emulator/describe';
import { startEmulator, type Emulator } from '../../emulator/server';
import { pluginConfigSchema } from '../../server/src/config/schema';
import { createImageSource } from '../../server/src/image-source';
import { parseDeliverySettings } from '../../server/src/config/delivery';
import type { StoredFile } from '../../server/src/image-source/types';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { sharedS3, sharedS3Client } from '../harness/test-s3';
import { solidPng } from '../support/images';
import { uploadThroughApi } from '../support/upload';
import { sleep } from '../support/wait-for';
import { peakRssDuring, photoJpeg, pngBomb, svgDrawing } from '../unit/image-source/fixtures';

/**
 * How the provider reaches images in a PRIVATE bucket on radosgw (real SigV4, expiry and ACLs),
 * seen from the emulator, which fetches URLs like the hosted service does.
 */
const API_KEY = `delivery-key-${randomBytes(12).toString('hex')}`;
const FILE_UID = 'plugin::upload.file';
const PRESIGN_SECONDS = 2;

type Outcome =
  | { status: 'written'; text: string; strategy: string }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; code: string; reason: string; strategy?: string };

const generate = (app: PlaygroundApp, fileId: number) =>
  (app.strapi.plugin('auto-alt-text').service('generation') as { generateForFile(id: number): Promise<Outcome> }).generateForFile(fileId);

const fileRow = async (app: PlaygroundApp, id: number) =>
  (await app.strapi.db.query(FILE_UID).findOne({ where: { id } })) as StoredFile & { alternativeText: string | null };

const readObject = async (bucket: string, key: string): Promise<Buffer> => {
  const answer = await sharedS3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await (answer.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
};

const objectKeyOf = (app: PlaygroundApp, url: URL) => decodeURIComponent(url.pathname).replace(`/${app.s3.bucket}/`, '');

/** Strapi writes no formats and keeps the bytes as sent, so a test controls exactly what is stored. */
const storeOriginalsOnly = (strapi: Core.Strapi) =>
  strapi.plugin('upload').service('upload').setSettings({ sizeOptimization: false, responsiveDimensions: false, autoOrientation: false });

const bootWith = (emulator: Emulator, env: Record<string, string>) =>
  bootPlayground({
    env: {
      ALT_TEXT_PROVIDER: 'alttextlab',
      ALT_TEXT_API_KEY: API_KEY,
      ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
      ALT_TEXT_AUTO_ON_UPLOAD: 'false',
      ALT_TEXT_PRESIGN_EXPIRES_SECONDS: String(PRESIGN_SECONDS),
      ALT_TEXT_IMAGE_DELIVERY: 'auto',
      ...env,
    },
  });

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
});
afterAll(async () => {
  await emulator?.close();
});
beforeEach(() => emulator.reset());

describe('imageDelivery auto with a private S3 bucket: presigned URLs', () => {
  let app: PlaygroundApp;
  beforeAll(async () => {
    app = await bootWith(emulator, {});
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('the stored object is private: an unsigned GET of its URL is refused with 403', async () => {
    const { files } = await uploadThroughApi(app, { bytes: await solidPng(64, 64, { r: 20, g: 20, b: 220 }), name: 'blue.png', mime: 'image/png' });
    const stored = await fileRow(app, files[0].id);

    expect(stored.url.startsWith(`${sharedS3().endpoint}/${app.s3.bucket}/${app.s3.rootPath}/`)).toBe(true);
    expect((await fetch(stored.url)).status).toBe(403);
  });

  test('the provider is given a presigned URL that serves the exact stored bytes, and the outcome records "presigned"', async () => {
    const png = await solidPng(80, 60, { r: 20, g: 160, b: 40 });
    const { files } = await uploadThroughApi(app, { bytes: png, name: 'green.png', mime: 'image/png' });

    const outcome = await generate(app, files[0].id);

    expect(outcome).toEqual({ status: 'written', text: await describeImage(png, { lang: 'en', style: 'neutral' }), strategy: 'presigned' });
    const [request] = emulator.requests;
    expect(request).toMatchObject({ imageSource: 'url', imageFetchStatus: 200, status: 200 });
    const presigned = new URL(request.imageUrl as string);
    expect(presigned.searchParams.get('X-Amz-Expires')).toBe(String(PRESIGN_SECONDS));
    const served = Buffer.from(await (await fetch(presigned)).arrayBuffer());
    expect(served.equals(await readObject(app.s3.bucket, objectKeyOf(app, presigned)))).toBe(true);
  });

  test('the same presigned URL is refused with 403 once it has expired', async () => {
    const { files } = await uploadThroughApi(app, { bytes: await solidPng(60, 60, { r: 240, g: 240, b: 20 }), name: 'yellow.png', mime: 'image/png' });
    await generate(app, files[0].id);
    const presigned = new URL(emulator.requests[0].imageUrl as string);
    expect((await fetch(presigned)).status).toBe(200);

    await sleep(PRESIGN_SECONDS * 1000 + 1500);

    expect((await fetch(presigned)).status).toBe(403);
  });

  test('a provider that fetches after the URL expired fails with IMAGE_UNREACHABLE, and the outcome says it was the presigned URL', async () => {
    const { files } = await uploadThroughApi(app, { bytes: await solidPng(50, 50, { r: 120, g: 0, b: 160 }), name: 'late.png', mime: 'image/png' });
    emulator.setFaults({ latencyMs: PRESIGN_SECONDS * 1000 + 1500 });

    const outcome = await generate(app, files[0].id);

    expect(outcome).toMatchObject({ status: 'failed', code: 'IMAGE_UNREACHABLE', strategy: 'presigned' });
    expect(outcome.status === 'failed' && outcome.reason).toMatch(/file #\d+ "late.png"/);
    expect(outcome.status === 'failed' && outcome.reason).not.toMatch(/X-Amz-Signature=[0-9a-f]/);
    expect(emulator.requests[0]).toMatchObject({ imageFetchStatus: 403 });
    expect((await fileRow(app, files[0].id)).alternativeText).toBeNull();
    expect(emulator.account(API_KEY)?.charged).toBe(0);
  });

  test('a big photo is sent as its generated "large" format, not the original', async () => {
    const { files } = await uploadThroughApi(app, { bytes: await photoJpeg(2400, 1600), name: 'wide.jpg', mime: 'image/jpeg' });
    const row = await fileRow(app, files[0].id);
    expect(row.formats?.large).toMatchObject({ width: 1000, height: 667 });

    const outcome = await generate(app, files[0].id);

    expect(outcome).toMatchObject({ status: 'written', strategy: 'presigned', text: expect.stringContaining('1000×667') });
    const key = objectKeyOf(app, new URL(emulator.requests[0].imageUrl as string));
    expect(key).toBe(`${app.s3.rootPath}/${row.formats?.large?.hash}${row.formats?.large?.ext}`);
  });

  test('the plugin\'s own s3 settings presign with their own credentials, for upload providers that cannot', async () => {
    const png = await solidPng(64, 64, { r: 0, g: 128, b: 128 });
    const { files } = await uploadThroughApi(app, { bytes: png, name: 'teal.png', mime: 'image/png' });
    const row = await fileRow(app, files[0].id);
    const s3 = sharedS3();
    const config = pluginConfigSchema.parse(app.strapi.config.get('plugin::auto-alt-text'));
    const ownSettings = (secretAccessKey: string) =>
      parseDeliverySettings({
        s3: { bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, forcePathStyle: true, accessKeyId: s3.accessKeyId, secretAccessKey, rootPath: app.s3.rootPath },
      });

    const right = await createImageSource(app.strapi, config, ownSettings(s3.secretAccessKey)).resolve(row);
    const wrong = await createImageSource(app.strapi, config, ownSettings('not-the-secret-key-at-all')).resolve(row);

    expect(right.strategy).toBe('presigned');
    const served = await fetch((right.image as { url: string }).url);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(await readObject(app.s3.bucket, `${app.s3.rootPath}/${row.hash}${row.ext}`))).toBe(true);
    expect((await fetch((wrong.image as { url: string }).url)).status).toBe(403);
  });
});

describe('imageDelivery "public" on a private bucket: the unsigned URL reaches the provider', () => {
  let app: PlaygroundApp;
  beforeAll(async () => {
    app = await bootWith(emulator, { ALT_TEXT_IMAGE_DELIVERY: 'public' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('the provider cannot fetch it: IMAGE_UNREACHABLE, no credit spent, and the outcome says the public URL was used', async () => {
    const { files } = await uploadThroughApi(app, { bytes: await solidPng(64, 64, { r: 220, g: 20, b: 20 }), name: 'red.png', mime: 'image/png' });

    const outcome = await generate(app, files[0].id);

    expect(outcome).toMatchObject({ status: 'failed', code: 'IMAGE_UNREACHABLE', strategy: 'public' });
    const [request] = emulator.requests;
    expect(request).toMatchObject({ imageSource: 'url', imageFetchStatus: 403 });
    expect(new URL(request.imageUrl as string).search).toBe('');
    expect(emulator.account(API_KEY)?.charged).toBe(0);
  });
});

describe('imageDelivery "inline": bytes read from S3, downscaled and re-encoded', () => {
  let app: PlaygroundApp;
  beforeAll(async () => {
    // This style names the format the provider decoded: "600×300 PNG image, mostly red".
    app = await bootWith(emulator, { ALT_TEXT_IMAGE_DELIVERY: 'inline', ALT_TEXT_STYLE: 'matter-of-fact' });
    await storeOriginalsOnly(app.strapi);
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('a 6000×4000 JPEG is sent inline at 2048×1365', async () => {
    const { status, files } = await uploadThroughApi(app, { bytes: await photoJpeg(6000, 4000), name: 'big.jpg', mime: 'image/jpeg' });
    expect(status).toBe(201);
    const row = await fileRow(app, files[0].id);
    expect(row).toMatchObject({ width: 6000, height: 4000 });
    expect(Object.keys(row.formats ?? {})).toEqual(['thumbnail']);

    const outcome = await generate(app, files[0].id);

    expect(outcome).toMatchObject({ status: 'written', strategy: 'inline', text: expect.stringMatching(/^2048×1365 JPEG image/) });
    expect(emulator.requests[0]).toMatchObject({ imageSource: 'base64', status: 200 });
  });

  test('an SVG is rasterised: the provider receives a PNG, an icon-sized one at 512 px', async () => {
    const logo = await uploadThroughApi(app, { bytes: svgDrawing(600, 300), name: 'logo.svg', mime: 'image/svg+xml' });
    const icon = await uploadThroughApi(app, { bytes: svgDrawing(24, 24), name: 'icon.svg', mime: 'image/svg+xml' });

    expect(await generate(app, logo.files[0].id)).toMatchObject({ status: 'written', strategy: 'inline', text: expect.stringMatching(/^600×300 PNG image/) });
    expect(await generate(app, icon.files[0].id)).toMatchObject({ status: 'written', strategy: 'inline', text: expect.stringMatching(/^512×512 PNG image/) });
  });

  test('a 40000×40000 PNG in the bucket is refused as UNSUPPORTED_IMAGE without being decoded, and the provider is never called', async () => {
    const bomb = await pngBomb(40000);
    const hash = `bomb_${randomBytes(4).toString('hex')}`;
    const key = `${app.s3.rootPath}/${hash}.png`;
    await sharedS3Client().send(new PutObjectCommand({ Bucket: app.s3.bucket, Key: key, Body: bomb, ContentType: 'image/png' }));
    const row = (await app.strapi.db.query(FILE_UID).create({
      data: {
        name: 'bomb.png',
        hash,
        ext: '.png',
        mime: 'image/png',
        size: bomb.length / 1000,
        width: 40000,
        height: 40000,
        url: `${sharedS3().endpoint}/${app.s3.bucket}/${key}`,
        provider: 'aws-s3',
      },
    })) as { id: number };

    const { result: outcome, peak, baseline } = await peakRssDuring(() => generate(app, row.id));

    expect(outcome).toMatchObject({ status: 'failed', code: 'UNSUPPORTED_IMAGE', strategy: 'inline' });
    expect(outcome?.status === 'failed' && outcome.reason).toMatch(/"bomb.png": inline delivery: the image is 40000×40000 \(1600 MP\)/);
    // Decoding would take 1.6 GB; the header read costs next to nothing.
    expect(peak - baseline).toBeLessThan(100 * 1024 * 1024);
    expect(emulator.requests).toHaveLength(0);
  });
});
