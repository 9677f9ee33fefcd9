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
  /** What a second boot needs to come back as the same app (database, bucket prefix, secrets). */
  data: PlaygroundData;
  /** `keepData` leaves the database in place for `bootPlayground({ reuse: app.data })`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface PlaygroundData {
  workDir: string;
  rootPath: string;
  secrets: Record<string, string>;
  /** The token created by the first boot; absent = create one. */
  apiToken?: string;
}

export interface BootOptions {
  /** Plugin and app settings as environment variables (ALT_TEXT_*, ...). */
  env: Record<string, string | undefined>;
  /** Boot again on the database and bucket prefix of an app stopped with `keepData`. */
  reuse?: PlaygroundData;
  /** Called with the app before it loads (its logger exists, nothing has run): to watch the boot. */
  beforeLoad?: (strapi: Core.Strapi) => void;
}

const secret = () => randomBytes(16).toString('base64');

/**
 * Boots the real playground app in this process: fresh SQLite file, its own prefix in the shared
 * private bucket, HTTP on a free loopback port. `createStrapi` reads config through `env()`, so
 * everything an app needs is set in `process.env` before the boot.
 */
export async function bootPlayground(options: BootOptions): Promise<PlaygroundApp> {
  const s3 = sharedS3();
  const workDir = options.reuse?.workDir ?? mkdtempSync(path.join(tmpdir(), 'alt-text-app-'));
  const rootPath = options.reuse?.rootPath ?? `app-${randomBytes(4).toString('hex')}`;
  const secrets = options.reuse?.secrets ?? {
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
  };
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    HOST: '127.0.0.1',
    PORT: '0',
    ...secrets,
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
  // A previous boot in this worker may have set plugin settings this boot leaves at their defaults.
  for (const key of Object.keys(process.env)) if (key.startsWith('ALT_TEXT_')) delete process.env[key];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }

  const created = createStrapi({ appDir: PLAYGROUND_DIR, distDir: PLAYGROUND_DIR });
  options.beforeLoad?.(created);
  const strapi = await created.load();
  strapi.server.mount();
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = strapi.server.httpServer.address() as AddressInfo;

  const apiToken =
    options.reuse?.apiToken ??
    ((await strapi.service('admin::api-token').create({
      name: `tests-${rootPath}`,
      type: 'full-access',
      lifespan: null,
      description: 'integration tests',
    })) as { accessKey: string }).accessKey;

  return {
    strapi,
    url: `http://127.0.0.1:${port}`,
    apiToken,
    s3: { bucket: s3.bucket, rootPath },
    data: { workDir, rootPath, secrets, apiToken },
    async stop({ keepData = false } = {}) {
      await strapi.destroy();
      if (!keepData) rmSync(workDir, { recursive: true, force: true });
    },
  };
}
