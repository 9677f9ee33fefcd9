/**
 * Fresh, uniquely named databases for test apps: a SQLite file, a PostgreSQL database or a
 * MariaDB/MySQL database on this machine's servers. A database is described by plain data
 * (`TestDatabaseInfo`) so that it can cross IPC to replica processes and be dropped by whoever
 * outlives the apps that used it.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';

export type DatabaseKind = 'sqlite' | 'postgres' | 'mysql';

export const DATABASE_KINDS: readonly DatabaseKind[] = ['sqlite', 'postgres', 'mysql'];

/** This machine's servers (see /work/shared/ENVIRONMENT.md): trust auth, no passwords. */
const SERVERS = {
  postgres: { label: 'PostgreSQL', host: '127.0.0.1', port: 5432, user: 'postgres', password: '' },
  mysql: { label: 'MariaDB', host: '127.0.0.1', port: 3306, user: 'root', password: '' },
} as const;

export interface TestDatabaseInfo {
  kind: DatabaseKind;
  /** The database name, or the SQLite file's path. */
  name: string;
  /** The playground's DATABASE_* variables for it (playground/config/database.js). */
  env: Record<string, string>;
  /** SQLite only: the directory created for the file, removed with it. */
  dir?: string;
}

export interface TestDatabase extends TestDatabaseInfo {
  drop(): Promise<void>;
}

/** A database server that a test needs did not answer; the message says which and where. */
export class DatabaseUnavailableError extends Error {
  constructor(kind: Exclude<DatabaseKind, 'sqlite'>, cause: unknown) {
    const { label, host, port } = SERVERS[kind];
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${label} is not reachable at ${host}:${port} (${reason}); start it first (.ci/run does)`);
    this.name = 'DatabaseUnavailableError';
  }
}

export const databaseLabel = (kind: DatabaseKind): string => (kind === 'sqlite' ? 'SQLite' : SERVERS[kind].label);

const uniqueName = () => `alt_text_${randomBytes(5).toString('hex')}`;

const withPostgres = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
  const { host, port, user, password } = SERVERS.postgres;
  const client = new Client({ host, port, user, password, database: 'postgres', connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnavailableError('postgres', error);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const withMysql = async <T>(work: (connection: Awaited<ReturnType<typeof createConnection>>) => Promise<T>): Promise<T> => {
  const { host, port, user, password } = SERVERS.mysql;
  let connection: Awaited<ReturnType<typeof createConnection>>;
  try {
    connection = await createConnection({ host, port, user, password, connectTimeout: 5000 });
  } catch (error) {
    throw new DatabaseUnavailableError('mysql', error);
  }
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
};

/** A SQLite file at `file` (created by Strapi on first boot). */
export const sqliteDatabase = (file: string): TestDatabaseInfo => ({
  kind: 'sqlite',
  name: file,
  env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: file },
});

const serverEnv = (kind: 'postgres' | 'mysql', name: string): Record<string, string> => {
  const { host, port, user, password } = SERVERS[kind];
  return {
    DATABASE_CLIENT: kind,
    DATABASE_HOST: host,
    DATABASE_PORT: String(port),
    DATABASE_NAME: name,
    DATABASE_USERNAME: user,
    DATABASE_PASSWORD: password,
  };
};

/** Drops a database made by `createTestDatabase`; dropping one that is gone is not an error. */
export async function dropTestDatabase(info: TestDatabaseInfo): Promise<void> {
  // Names are ours (uniqueName), never user input; the check keeps a corrupted info from reaching SQL.
  if (info.kind !== 'sqlite' && !/^alt_text_[0-9a-f]+$/.test(info.name)) throw new Error(`refusing to drop database "${info.name}"`);
  if (info.kind === 'postgres') {
    await withPostgres((client) => client.query(`DROP DATABASE IF EXISTS ${info.name} WITH (FORCE)`));
  } else if (info.kind === 'mysql') {
    await withMysql((connection) => connection.query(`DROP DATABASE IF EXISTS \`${info.name}\``));
  } else if (info.dir) {
    rmSync(info.dir, { recursive: true, force: true });
  }
}

/**
 * Creates an empty database of this kind with a unique name. An unreachable server throws
 * `DatabaseUnavailableError` (under CI that fails the test; elsewhere use `describeOnDatabase`).
 */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  let info: TestDatabaseInfo;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'alt-text-db-'));
    info = { ...sqliteDatabase(path.join(dir, 'data.db')), dir };
  } else {
    const name = uniqueName();
    if (kind === 'postgres') await withPostgres((client) => client.query(`CREATE DATABASE ${name}`));
    // utf8mb4 with the server's default collation (case- and accent-insensitive), as most installs have it.
    else await withMysql((connection) => connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`));
    info = { kind, name, env: serverEnv(kind, name) };
  }
  return { ...info, drop: () => dropTestDatabase(info) };
}

/**
 * Why tests on this database cannot run here, or undefined when they can. Synchronous (a TCP probe
 * in a child process) because jest decides on `describe` vs `describe.skip` while collecting.
 * Under CI=true a missing server is never a reason to skip: the test runs and fails loudly.
 */
export const databaseSkipReason = (kind: DatabaseKind): string | undefined => {
  if (kind === 'sqlite' || process.env.CI === 'true') return undefined;
  const { label, host, port } = SERVERS[kind];
  const probe = spawnSync(
    process.execPath,
    ['-e', `require('net').connect(${port}, '${host}').on('connect', () => process.exit(0)).on('error', () => process.exit(1))`],
    { timeout: 3000 }
  );
  return probe.status === 0 ? undefined : `${label} is not reachable at ${host}:${port}`;
};

/** `describe` on a database, or a visible skip naming the missing server (never under CI=true). */
export const describeOnDatabase = (kind: DatabaseKind, title: string, body: () => void): void => {
  const skip = databaseSkipReason(kind);
  if (skip) describe.skip(`${title} on ${databaseLabel(kind)} — skipped: ${skip}`, body);
  else describe(`${title} on ${databaseLabel(kind)}`, body);
};
