import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import { sharedS3 } from './test-s3';

export const PLAYGROUND_DIR = path.resolve(__dirname, '../../playground');

export interface PlaygroundApp {
  strapi: Core.Strapi;
  /** http://127.0.0.1:PORT */
  url: string;
  /** A full-access API token for the content API (`POST /api/upload`). */
  apiToken: string;
  /** Where this app's objects live in the shared bucket. */
  s3: { bucket: string; rootPath: string };
  stop(): Promise<void>;
}

export interface BootOptions {
  /** Plugin and app settings as environment variables (ALT_TEXT_*, ...). */
  env: Record<string, string | undefined>;
}

const secret = () => randomBytes(16).toString('base64');

/**
 * Boots the real playground app in this process: fresh SQLite file, its own prefix in the shared
 * private bucket, HTTP on a free loopback port. `createStrapi` reads config through `env()`, so
 * everything an app needs is set in `process.env` before the boot.
 */
export async function bootPlayground(options: BootOptions): Promise<PlaygroundApp> {
  const s3 = sharedS3();
  const workDir = mkdtempSync(path.join(tmpdir(), 'alt-text-app-'));
  const rootPath = `app-${randomBytes(4).toString('hex')}`;
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    HOST: '127.0.0.1',
    PORT: '0',
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(workDir, 'data.db'),
    S3_ENDPOINT: s3.endpoint,
    S3_REGION: s3.region,
    S3_BUCKET: s3.bucket,
    S3_ROOT_PATH: rootPath,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    ...options.env,
  };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }

  const strapi = await createStrapi({ appDir: PLAYGROUND_DIR, distDir: PLAYGROUND_DIR }).load();
  strapi.server.mount();
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = strapi.server.httpServer.address() as AddressInfo;

  const token = (await strapi.service('admin::api-token').create({
    name: `tests-${rootPath}`,
    type: 'full-access',
    lifespan: null,
    description: 'integration tests',
  })) as { accessKey: string };

  return {
    strapi,
    url: `http://127.0.0.1:${port}`,
    apiToken: token.accessKey,
    s3: { bucket: s3.bucket, rootPath },
    async stop() {
      await strapi.destroy();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
