import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { defaultConfig } from '../../../server/src/config';
import { pluginConfigSchema, type PluginConfig } from '../../../server/src/config/schema';
import { createImageSource, ImageDeliveryError, strategyOf } from '../../../server/src/image-source';
import { parseDeliverySettings, type DeliverySettings } from '../../../server/src/config/delivery';
import type { StoredFile } from '../../../server/src/image-source/types';
import { deriveSigningKeys, verifySignedQuery } from '../../../server/src/image-source/url-signer';
import { dimensionsOf, pngBomb, solidImage, svgDrawing } from './fixtures';

const APP_KEYS = ['unit-app-key-1', 'unit-app-key-2'];

/** The defaults an app with no config block gets, plus what the test changes. */
const pluginConfig = (overrides: Partial<PluginConfig> = {}): PluginConfig =>
  pluginConfigSchema.parse({ ...defaultConfig({ env: () => undefined }), apiKey: 'k', ...overrides });

interface FakeUploadProvider {
  isPrivate?: () => boolean;
  getSignedUrl?: (file: { url: string }) => Promise<{ url: string }>;
}

/** Just the parts of Strapi the image source reads: config, the public dir, the upload provider. */
const fakeStrapi = (options: {
  publicDir: string;
  upload?: { provider: string; providerOptions?: unknown };
  uploadProvider?: FakeUploadProvider;
  serverUrl?: string;
}): Core.Strapi => {
  const config: Record<string, unknown> = {
    'plugin::upload': options.upload ?? { provider: 'local' },
    'server.url': options.serverUrl ?? '',
    'server.app.keys': APP_KEYS,
    'api.rest.prefix': '/api',
  };
  return {
    config: { get: (key: string) => config[key] },
    dirs: { static: { public: options.publicDir } },
    plugin: (name: string) => (name === 'upload' ? { provider: options.uploadProvider ?? {} } : undefined),
    log: { warn: () => undefined },
  } as unknown as Core.Strapi;
};

const AWS_S3_UPLOAD = {
  provider: 'aws-s3',
  providerOptions: {
    rootPath: 'media',
    s3Options: {
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' },
      params: { Bucket: 'private-bucket', ACL: 'private' },
    },
  },
};

const NO_SETTINGS: DeliverySettings = parseDeliverySettings({});

const storedFile = (overrides: Partial<StoredFile> = {}): StoredFile => ({
  id: 7,
  name: 'cat.png',
  hash: 'cat_abc123',
  ext: '.png',
  mime: 'image/png',
  url: '/uploads/cat_abc123.png',
  provider: 'local',
  width: 320,
  height: 240,
  size: 2,
  ...overrides,
});

describe('the image source picks a strategy per file and produces what the provider needs', () => {
  let publicDir: string;

  beforeAll(async () => {
    publicDir = mkdtempSync(path.join(tmpdir(), 'alt-public-'));
    mkdirSync(path.join(publicDir, 'uploads'));
    writeFileSync(path.join(publicDir, 'uploads', 'cat_abc123.png'), await solidImage(320, 240, 'png'));
    writeFileSync(path.join(publicDir, 'uploads', 'logo_abc.svg'), svgDrawing(64, 32));
    writeFileSync(path.join(publicDir, 'uploads', 'bomb_abc.png'), await pngBomb(40000));
  });
  afterAll(() => rmSync(publicDir, { recursive: true, force: true }));

  test('a file in the aws-s3 bucket gets a URL presigned with the plugin expiry, for its "large" format', async () => {
    const source = createImageSource(fakeStrapi({ publicDir, upload: AWS_S3_UPLOAD }), pluginConfig({ presignExpiresSeconds: 45 }), NO_SETTINGS);
    const file = storedFile({
      provider: 'aws-s3',
      url: 'http://127.0.0.1:9000/private-bucket/media/cat_abc123.png',
      width: 4000,
      height: 3000,
      size: 3000,
      formats: { large: { hash: 'large_cat_abc123', ext: '.png', mime: 'image/png', url: 'x', width: 1000, height: 750, size: 300 } },
    });

    const resolved = await source.resolve(file, { accepts: ['url', 'base64'] });

    expect(resolved).toMatchObject({ strategy: 'presigned', variant: 'large' });
    const url = new URL((resolved.image as { url: string }).url);
    expect(url.pathname).toBe('/private-bucket/media/large_cat_abc123.png');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('45');
  });

  test('the plugin\'s own S3 settings presign for an upload provider that cannot', async () => {
    const settings = parseDeliverySettings({
      s3: { bucket: 'own-bucket', endpoint: 'http://127.0.0.1:7480', forcePathStyle: true, accessKeyId: 'AK', secretAccessKey: 'SK', rootPath: 'site' },
    });
    const upload = { provider: 'strapi-provider-upload-custom-s3' };
    const source = createImageSource(fakeStrapi({ publicDir, upload, uploadProvider: { isPrivate: () => true } }), pluginConfig(), settings);

    const resolved = await source.resolve(storedFile({ provider: 'strapi-provider-upload-custom-s3', url: 'https://cdn.example.com/cat_abc123.png' }));

    expect(resolved.strategy).toBe('presigned');
    const url = new URL((resolved.image as { url: string }).url);
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:7480/own-bucket/site/cat_abc123.png');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a private upload provider\'s own signed URL is used when it really is signed', async () => {
    const uploadProvider = { isPrivate: () => true, getSignedUrl: async () => ({ url: 'https://files.example.com/cat.png?token=abc' }) };
    const source = createImageSource(fakeStrapi({ publicDir, upload: { provider: 'vault' }, uploadProvider }), pluginConfig(), NO_SETTINGS);
    const resolved = await source.resolve(storedFile({ provider: 'vault', url: 'https://files.example.com/cat.png' }), { accepts: ['url'] });
    expect(resolved).toMatchObject({ strategy: 'presigned', image: { url: 'https://files.example.com/cat.png?token=abc' } });
  });

  test('an unsigned URL back from getSignedUrl (a CDN baseUrl) is never sent: the next strategy is used', async () => {
    const uploadProvider = { isPrivate: () => true, getSignedUrl: async (file: { url: string }) => ({ url: file.url }) };
    const strapi = fakeStrapi({ publicDir, upload: { provider: 'vault' }, uploadProvider, serverUrl: 'https://cms.example.com' });
    const file = storedFile({ provider: 'vault', url: 'https://cdn.example.com/cat.png' });

    const auto = await createImageSource(strapi, pluginConfig(), NO_SETTINGS).resolve(file, { accepts: ['url'] });
    expect(auto.strategy).toBe('signed');

    const forced = await createImageSource(strapi, pluginConfig({ imageDelivery: 'presigned' }), NO_SETTINGS)
      .resolve(file, { accepts: ['url'] })
      .catch((error: unknown) => error);
    expect(forced).toBeInstanceOf(ImageDeliveryError);
    expect(forced).toMatchObject({ code: 'IMAGE_UNREACHABLE', strategy: 'presigned' });
    expect((forced as Error).message).toMatch(/file #7 "cat.png": presigned delivery: .*unsigned URL/);
  });

  test('a public file on a public CDN is sent by its own URL', async () => {
    const strapi = fakeStrapi({ publicDir, upload: { provider: 'cloudinary' }, uploadProvider: { isPrivate: () => false } });
    const resolved = await createImageSource(strapi, pluginConfig(), NO_SETTINGS).resolve(
      storedFile({ provider: 'cloudinary', url: 'https://res.cloudinary.com/demo/cat.png' })
    );
    expect(resolved).toMatchObject({ strategy: 'public', image: { url: 'https://res.cloudinary.com/demo/cat.png' } });
  });

  test('a local file on a site with a public server.url gets a plugin-signed URL for exactly that file and variant', async () => {
    const strapi = fakeStrapi({ publicDir, serverUrl: 'https://cms.example.com/' });
    const before = Math.floor(Date.now() / 1000);
    const resolved = await createImageSource(strapi, pluginConfig({ presignExpiresSeconds: 30 }), NO_SETTINGS).resolve(storedFile());

    expect(resolved.strategy).toBe('signed');
    const url = new URL((resolved.image as { url: string }).url);
    expect(url.origin + url.pathname).toBe('https://cms.example.com/api/auto-alt-text/image');
    const verdict = verifySignedQuery(url.search.slice(1), deriveSigningKeys({ appKeys: APP_KEYS }), before);
    expect(verdict).toEqual({ ok: true, claim: { fileId: 7, variant: 'original', exp: expect.any(Number) } });
    expect(verdict.ok && verdict.claim.exp - before).toBeGreaterThanOrEqual(30);
    expect(verdict.ok && verdict.claim.exp - before).toBeLessThanOrEqual(31);
  });

  test('a local file on a laptop (server.url on loopback) is sent inline, byte for byte when it is small', async () => {
    const strapi = fakeStrapi({ publicDir, serverUrl: 'http://127.0.0.1:1337' });
    const resolved = await createImageSource(strapi, pluginConfig(), NO_SETTINGS).resolve(storedFile());
    expect(resolved).toMatchObject({ strategy: 'inline', image: { mime: 'image/png' } });
    expect(await dimensionsOf((resolved.image as { base64: string }).base64)).toMatchObject({ width: 320, height: 240 });
  });

  test('an SVG is rasterised and sent inline even when URLs would work', async () => {
    const strapi = fakeStrapi({ publicDir, serverUrl: 'https://cms.example.com' });
    const svg = storedFile({ name: 'logo.svg', hash: 'logo_abc', ext: '.svg', mime: 'image/svg+xml', url: '/uploads/logo_abc.svg' });
    const resolved = await createImageSource(strapi, pluginConfig(), NO_SETTINGS).resolve(svg);
    expect(resolved).toMatchObject({ strategy: 'inline', image: { mime: 'image/png' } });
    expect(await dimensionsOf((resolved.image as { base64: string }).base64)).toMatchObject({ format: 'png', width: 512, height: 256 });
  });

  test('a decompression bomb fails as UNSUPPORTED_IMAGE, naming the file and the inline strategy', async () => {
    const strapi = fakeStrapi({ publicDir });
    const bomb = storedFile({ id: 9, name: 'bomb.png', hash: 'bomb_abc' });
    const error = await createImageSource(strapi, pluginConfig(), NO_SETTINGS).resolve(bomb).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_IMAGE', strategy: 'inline' });
    expect(strategyOf(error)).toBe('inline');
    expect((error as Error).message).toBe(
      'UNSUPPORTED_IMAGE: alttextlab for file #9 "bomb.png": inline delivery: the image is 40000×40000 (1600 MP), over the 100 MP inline limit'
    );
  });

  test('bytes over inlineMaxBytes are refused before decoding', async () => {
    const strapi = fakeStrapi({ publicDir });
    const settings = parseDeliverySettings({ inlineMaxBytes: 1024 * 1024 });
    const big = storedFile({ size: 5000 });
    await expect(createImageSource(strapi, pluginConfig(), settings).resolve(big)).rejects.toMatchObject({
      code: 'UNSUPPORTED_IMAGE',
      message: expect.stringMatching(/inline delivery: the stored image is over 1 MB/),
    });
  });

  test('a local file with no server.url and a URL-only provider has no way, and the error says why', async () => {
    const error = await createImageSource(fakeStrapi({ publicDir }), pluginConfig(), NO_SETTINGS)
      .resolve(storedFile(), { accepts: ['url'] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'IMAGE_UNREACHABLE', strategy: undefined });
    expect((error as Error).message).toMatch(/no URL the provider could fetch/);
  });
});
