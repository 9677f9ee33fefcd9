/**
 * What every phase shares: the private bucket, the emulator, and a way to start a playground app
 * in its own process on a fresh SQLite file, PostgreSQL database or MariaDB database (the last two
 * dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import type { LocalS3 } from '../../test/harness/s3';
import type { PlaygroundData } from '../../test/harness/strapi-app';
import { forkChild, type Child } from './ipc';
import type { SeedObject } from './seed-rows';

/** `mysql` is MariaDB on this machine (Strapi's `mysql` client serves both). */
export type Db = 'sqlite' | 'postgres' | 'mysql';
export const DBS: readonly Db[] = ['sqlite', 'postgres', 'mysql'];

export const PG = { host: '127.0.0.1', port: 5432, user: 'postgres', password: '' };
export const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

export interface BenchContext {
  s3: LocalS3;
  s3Client: S3Client;
  bucket: string;
  emulator: Child;
  emulatorBaseUrl: string;
  apiKey: string;
  logDir: string;
  quick: boolean;
  /** Write a CPU profile of the Strapi process for each bulk run (--profile). */
  profile: boolean;
  log(line: string): void;
  startApp(name: string, db: Db, env: Record<string, string>): Promise<App>;
  /**
   * Another Strapi process on `first`'s database and bucket prefix (a replica): it stops without
   * dropping anything; `first` drops the database when it stops, so stop every replica first.
   */
  joinApp(name: string, first: App, env: Record<string, string>): Promise<App>;
  /** Everything still running, for cleanup after a failure. */
  cleanups: Set<() => Promise<void>>;
}

export interface App {
  name: string;
  db: Db;
  child: Child;
  url: string;
  apiToken: string;
  rootPath: string;
  pid: number;
  /** The queue's owner name in this process (its jobs' `leaseOwner`). */
  owner: string;
  /** What a replica needs to boot as the same app (database, bucket prefix, secrets). */
  data: PlaygroundData;
  /** The database settings it was booted with (a replica boots with the same). */
  dbEnv: Record<string, string>;
  stop(): Promise<void>;
}

const pgAdmin = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ ...PG, database: 'postgres' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const mysqlAdmin = async <T>(work: (connection: Awaited<ReturnType<typeof createConnection>>) => Promise<T>): Promise<T> => {
  const connection = await createConnection({ ...MYSQL, connectTimeout: 5000 });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
};

export const postgresVersion = () =>
  pgAdmin(async (client) => (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version);

/** The server's version string, e.g. `10.11.6-MariaDB-0+deb12u1`. */
export const mysqlVersion = () =>
  mysqlAdmin(async (connection) => {
    const [rows] = (await connection.query('SELECT VERSION() AS v')) as unknown as [Array<{ v: string }>];
    return rows[0].v;
  });

export function makeStartApp(ctx: Omit<BenchContext, 'startApp' | 'joinApp'>) {
  return async (name: string, db: Db, env: Record<string, string>): Promise<App> => {
    const dbEnv: Record<string, string> = {};
    let dropDb: (() => Promise<void>) | undefined;
    if (db === 'postgres') {
      const database = `alt_text_bench_${randomBytes(4).toString('hex')}`;
      await pgAdmin((client) => client.query(`CREATE DATABASE ${database}`));
      dropDb = () => pgAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).then(() => undefined);
      ctx.cleanups.add(dropDb);
      Object.assign(dbEnv, {
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: PG.host,
        DATABASE_PORT: String(PG.port),
        DATABASE_NAME: database,
        DATABASE_USERNAME: PG.user,
        DATABASE_PASSWORD: PG.password,
      });
    } else if (db === 'mysql') {
      const database = `alt_text_bench_${randomBytes(4).toString('hex')}`;
      // utf8mb4 with the server's default collation, as test/harness/test-database.ts creates it.
      await mysqlAdmin((connection) => connection.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`));
      dropDb = () => mysqlAdmin((connection) => connection.query(`DROP DATABASE IF EXISTS \`${database}\``)).then(() => undefined);
      ctx.cleanups.add(dropDb);
      Object.assign(dbEnv, {
        DATABASE_CLIENT: 'mysql',
        DATABASE_HOST: MYSQL.host,
        DATABASE_PORT: String(MYSQL.port),
        DATABASE_NAME: database,
        DATABASE_USERNAME: MYSQL.user,
        DATABASE_PASSWORD: MYSQL.password,
      });
    }
    const app = await bootChild(ctx, name, db, { ...dbEnv, ...env }, dbEnv);
    return {
      ...app,
      async stop() {
        await app.stop();
        if (dropDb) {
          await dropDb();
          ctx.cleanups.delete(dropDb);
        }
      },
    };
  };
}

export const makeJoinApp =
  (ctx: Omit<BenchContext, 'startApp' | 'joinApp'>) =>
  (name: string, first: App, env: Record<string, string>): Promise<App> =>
    bootChild(ctx, name, first.db, { ...first.dbEnv, ...env }, first.dbEnv, first.data);

/** A playground app in its own process: on a new database, or (`reuse`) on another app's. */
async function bootChild(
  ctx: Omit<BenchContext, 'startApp' | 'joinApp'>,
  name: string,
  db: Db,
  env: Record<string, string>,
  dbEnv: Record<string, string>,
  reuse?: PlaygroundData
): Promise<App> {
  const logFile = path.join(ctx.logDir, `${name}.log`);
  const child = forkChild(path.join(__dirname, 'strapi-main.ts'), {
    logFile,
    execArgv: ['--expose-gc'],
    env: {
      TEST_S3_KIND: ctx.s3.kind,
      TEST_S3_ENDPOINT: ctx.s3.endpoint,
      TEST_S3_REGION: ctx.s3.region,
      TEST_S3_ACCESS_KEY_ID: ctx.s3.accessKeyId,
      TEST_S3_SECRET_ACCESS_KEY: ctx.s3.secretAccessKey,
      TEST_S3_BUCKET: ctx.bucket,
    },
  });
  const stopChild = () => child.stop();
  ctx.cleanups.add(stopChild);
  const booted = await child.call<{ url: string; apiToken: string; rootPath: string; pid: number; pluginEnabled: boolean; owner: string; data: PlaygroundData }>(
    'boot',
    {
      env: {
        ALT_TEXT_PROVIDER: 'alttextlab',
        ALT_TEXT_API_KEY: ctx.apiKey,
        ALT_TEXT_BASE_URL: ctx.emulatorBaseUrl,
        ...env,
      },
      ...(reuse ? { reuse } : {}),
    }
  );
  ctx.log(
    `  ${name}: Strapi pid ${booted.pid} on ${db}${reuse ? ` (a replica of ${reuse.rootPath})` : ''}, plugin ${booted.pluginEnabled ? 'enabled' : 'disabled'} (log: ${logFile})`
  );
  return {
    name,
    db,
    child,
    dbEnv,
    ...booted,
    async stop() {
      await child.stop();
      ctx.cleanups.delete(stopChild);
    },
  };
}

/** Puts `bodies` into the app's prefix of the private bucket; returns them as seedable objects. */
export async function putObjects(
  ctx: Pick<BenchContext, 's3Client' | 'bucket'>,
  rootPath: string,
  bodies: Array<{ bytes: Buffer; width: number; height: number }>,
  prefix: string
): Promise<SeedObject[]> {
  const objects: SeedObject[] = bodies.map((body, i) => ({
    hash: `${prefix}_${i}_${randomBytes(4).toString('hex')}`,
    ext: '.png',
    mime: 'image/png',
    width: body.width,
    height: body.height,
    sizeKb: Math.round((body.bytes.length / 1024) * 100) / 100,
  }));
  const queue = objects.map((object, i) => ({ object, bytes: bodies[i].bytes }));
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        await ctx.s3Client.send(
          new PutObjectCommand({
            Bucket: ctx.bucket,
            Key: `${rootPath}/${item.object.hash}${item.object.ext}`,
            Body: item.bytes,
            ContentType: item.object.mime,
          })
        );
      }
    })
  );
  return objects;
}
