import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createStrapi, type Core } from '@strapi/strapi';
import { playgroundEnv } from './playground-env';
import { createTestDatabase, dropTestDatabase, type DatabaseKind, type TestDatabaseInfo } from './test-database';
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
  /** Stops Strapi and drops its database; `keepData` keeps it for `bootPlayground({ reuse: app.data })`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Plain data (it crosses IPC to replica processes): everything that makes an app the same app. */
export interface PlaygroundData {
  /** From `playgroundEnv`: secrets, DATABASE_*, S3_* (with this app's prefix). */
  env: Record<string, string>;
  database: TestDatabaseInfo;
  rootPath: string;
  /** The token created by the first boot; absent = create one. */
  apiToken?: string;
}

export interface BootOptions {
  /** Plugin and app settings as environment variables (ALT_TEXT_*, ...). */
  env: Record<string, string | undefined>;
  /** A fresh database of this kind (default SQLite); ignored with `reuse`. */
  database?: DatabaseKind;
  /** Boot again on the database and bucket prefix of an app stopped with `keepData`. */
  reuse?: PlaygroundData;
  /** Called with the app before it loads (its logger exists, nothing has run): to watch the boot. */
  beforeLoad?: (strapi: Core.Strapi) => void;
}

/**
 * A new app's data: a fresh database (or the one given), its own prefix in the shared private
 * bucket, new secrets. Boot it with `bootPlayground({ reuse })`; `discardPlaygroundData` drops it.
 */
export async function createPlaygroundData(
  database: DatabaseKind | TestDatabaseInfo = 'sqlite',
  prefix = 'app'
): Promise<PlaygroundData> {
  const info = typeof database === 'string' ? await createTestDatabase(database) : database;
  const rootPath = `${prefix}-${randomBytes(4).toString('hex')}`;
  // Plain data only: a TestDatabase's drop() must not end up in what crosses IPC.
  const plain: TestDatabaseInfo = { kind: info.kind, name: info.name, env: info.env, ...(info.dir ? { dir: info.dir } : {}) };
  return { env: playgroundEnv({ s3: { ...sharedS3(), rootPath }, database: plain }), database: plain, rootPath };
}

export const discardPlaygroundData = (data: PlaygroundData): Promise<void> => dropTestDatabase(data.database);

/**
 * Boots the real playground app in this process: a fresh database (SQLite unless `database` says
 * otherwise), its own prefix in the shared private bucket, HTTP on a free loopback port.
 * `createStrapi` reads config through `env()`, so everything an app needs is set in `process.env`
 * before the boot.
 */
export async function bootPlayground(options: BootOptions): Promise<PlaygroundApp> {
  const data = options.reuse ?? (await createPlaygroundData(options.database ?? 'sqlite'));
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    ...data.env,
    ...options.env,
  };
  // A previous boot in this worker may have set plugin settings or a database this boot does not.
  for (const key of Object.keys(process.env)) if (/^(ALT_TEXT|DATABASE)_/.test(key)) delete process.env[key];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }

  let strapi: Core.Strapi;
  try {
    const created = createStrapi({ appDir: PLAYGROUND_DIR, distDir: PLAYGROUND_DIR });
    options.beforeLoad?.(created);
    strapi = await created.load();
  } catch (error) {
    if (!options.reuse) await discardPlaygroundData(data);
    throw error;
  }
  strapi.server.mount();
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = strapi.server.httpServer.address() as AddressInfo;

  const apiToken =
    options.reuse?.apiToken ??
    ((await strapi.service('admin::api-token').create({
      name: `tests-${data.rootPath}`,
      type: 'full-access',
      lifespan: null,
      description: 'integration tests',
    })) as { accessKey: string }).accessKey;

  return {
    strapi,
    url: `http://127.0.0.1:${port}`,
    apiToken,
    s3: { bucket: data.env.S3_BUCKET, rootPath: data.rootPath },
    data: { ...data, apiToken },
    async stop({ keepData = false } = {}) {
      await strapi.destroy();
      if (!keepData) await discardPlaygroundData(data);
    },
  };
}
