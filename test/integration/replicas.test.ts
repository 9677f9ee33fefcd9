import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmulator, type Emulator } from '../../emulator/server';
import { startReplica, type Replica } from '../harness/replica';
import { seedImages } from '../support/seed';
import { waitFor } from '../support/wait-for';

const PG = { host: '127.0.0.1', port: 5432, user: 'postgres', password: '' };
const IMAGES = 200;

const secret = () => randomBytes(16).toString('base64');

interface RunView {
  status: string;
  counts: { total: number; done: number; failed: number; pending: number; skipped: number };
}

const withPostgres = async <T>(fn: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ ...PG, database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

/**
 * Given `replicas` Strapi processes on one database, a run over 200 images is worked through with
 * no image sent twice and none left behind.
 */
const runSharedQueue = async (database: Record<string, string>, replicas: number) => {
  const apiKey = `replica-key-${randomBytes(8).toString('hex')}`;
  const emulator: Emulator = await startEmulator({ accounts: [{ key: apiKey, credits: 10_000 }] });
  const workDir = mkdtempSync(path.join(tmpdir(), 'alt-text-replicas-'));
  const data = { workDir, rootPath: `replicas-${randomBytes(4).toString('hex')}`, secrets: {
    APP_KEYS: `${secret()},${secret()}`, API_TOKEN_SALT: secret(), ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(), JWT_SECRET: secret(), ENCRYPTION_KEY: secret(),
  } };
  const env = {
    ...database,
    DATABASE_FILENAME: path.join(workDir, 'data.db'),
    ALT_TEXT_PROVIDER: 'alttextlab',
    ALT_TEXT_API_KEY: apiKey,
    ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
    ALT_TEXT_AUTO_ON_UPLOAD: 'false',
    ALT_TEXT_CONCURRENCY: '4',
    ALT_TEXT_REQUESTS_PER_SECOND: '0',
    ALT_TEXT_POLL_INTERVAL_MS: '100',
  };
  const started: Replica[] = [];
  try {
    emulator.setFaults({ latencyMs: 25 });
    // One at a time: the first boot creates the schema, the next ones find it.
    started.push(await startReplica({ env, data }));
    for (let i = 1; i < replicas; i++) started.push(await startReplica({ env, data: { ...data, apiToken: started[0].apiToken } }));
    const [first] = started;

    await seedImages(first, IMAGES, 'replica');
    const runId = await first.send<number>({ cmd: 'createRun', scope: { kind: 'missing' } });
    const run = await waitFor(
      'the run to finish',
      async () => {
        const view = await first.send<RunView>({ cmd: 'getRun', runId });
        return view.status === 'done' ? view : undefined;
      },
      150000
    );

    expect(run.counts).toMatchObject({ total: IMAGES, done: IMAGES, failed: 0, pending: 0 });
    const served = emulator.requests.filter((request) => request.status === 200);
    const objects = served.map((request) => new URL(request.imageUrl as string).pathname);
    expect(new Set(objects).size).toBe(IMAGES);
    expect(objects).toHaveLength(IMAGES);
    expect(emulator.account(apiKey)?.charged).toBe(IMAGES);

    const owners = await first.send<Record<string, number>>({ cmd: 'jobOwners' });
    expect(Object.keys(owners).sort()).toEqual(started.map((replica) => replica.owner).sort());
    return owners;
  } finally {
    await Promise.all(started.map((replica) => replica.stop()));
    await emulator.close();
    rmSync(workDir, { recursive: true, force: true });
  }
};

describe('one queue shared by several Strapi processes', () => {
  test('two replicas on one PostgreSQL database send each of 200 images exactly once, and both take part', async () => {
    const name = `alt_text_${randomBytes(4).toString('hex')}`;
    await withPostgres((client) => client.query(`CREATE DATABASE ${name}`));
    try {
      const owners = await runSharedQueue(
        { DATABASE_CLIENT: 'postgres', DATABASE_HOST: PG.host, DATABASE_PORT: String(PG.port), DATABASE_NAME: name, DATABASE_USERNAME: PG.user, DATABASE_PASSWORD: PG.password },
        2
      );
      for (const count of Object.values(owners)) expect(count).toBeGreaterThan(0);
    } finally {
      await withPostgres((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  }, 240000);

  test('the same run on SQLite with one process', async () => {
    await runSharedQueue({ DATABASE_CLIENT: 'sqlite' }, 1);
  }, 240000);
});
