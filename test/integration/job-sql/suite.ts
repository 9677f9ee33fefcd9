import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { createJobStore, type JobRow } from '../../../server/src/queue/job-store';
import { createJobTable } from '../../../server/src/queue/job-table';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { fileRows, pluginServices } from '../../support/plugin';
import { seedImages } from '../../support/seed';
import { waitFor } from '../../support/wait-for';

const API_KEY = `job-sql-key-${randomBytes(10).toString('hex')}`;
const JOBS_TABLE = /auto_alt_text_jobs/i;

/** Every statement Strapi's knex sends while `work` runs, with its bindings (knex's `query` event). */
const recording = (app: PlaygroundApp) => {
  const statements: Array<{ sql: string; bindings: unknown[] }> = [];
  const listener = (query: { sql?: string; bindings?: unknown[] }) => {
    if (query.sql) statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
  };
  app.strapi.db.connection.on('query', listener);
  return { statements, stop: () => app.strapi.db.connection.removeListener('query', listener) };
};

const isBegin = (sql: string) => /^\s*begin/i.test(sql);
const isCommit = (sql: string) => /^\s*commit/i.test(sql);

/**
 * The statements one job sends, on one database: its write-back (the text, its provenance, history,
 * quality) and its end commit together, once; and a claim takes a batch in two round trips, each
 * job to one worker only, however many workers claim at once.
 */
export const jobSqlSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'SQL per job', () => {
    let emulator: Emulator;
    let app: PlaygroundApp;

    beforeAll(async () => {
      emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 10_000 }] });
      app = await bootPlayground({
        database,
        env: {
          ALT_TEXT_PROVIDER: 'alttextlab',
          ALT_TEXT_API_KEY: API_KEY,
          ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
          ALT_TEXT_AUTO_ON_UPLOAD: 'false',
          ALT_TEXT_CONCURRENCY: '1',
          ALT_TEXT_REQUESTS_PER_SECOND: '0',
          // Nothing but the job reaches the database while it is counted.
          ALT_TEXT_POLL_INTERVAL_MS: '60000',
          ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
        },
      });
    }, 120000);
    afterAll(async () => {
      await app?.stop();
      await emulator?.close();
    });

    test('a job writes its text, provenance, history and quality and records its end in one transaction: one commit', async () => {
      const [fileId] = await seedImages(app, 1, 'one-commit');
      const { queue } = pluginServices(app.strapi);
      const log = recording(app);
      try {
        await queue.enqueue([fileId], { reason: 'manual', mode: 'fill' });
        await waitFor('the job to end', async () => ((await app.strapi.db.query('plugin::auto-alt-text.job').findOne({ where: { fileId, status: 'done' } })) ? true : undefined));
      } finally {
        log.stop();
      }
      const [file] = await fileRows(app.strapi, [fileId]);
      expect(file.alternativeText).toBeTruthy();

      // The test's own polls for the job's end are not the job's statements.
      const sql = log.statements.filter((s) => !(JOBS_TABLE.test(s.sql) && s.bindings.includes('done') && /^\s*select/i.test(s.sql))).map((s) => s.sql);
      const at = (pattern: RegExp) => sql.findIndex((s) => pattern.test(s));
      // PostgreSQL names the schema first ("public"."files").
      const table = (name: string) => `(?:[\`"]?\\w+[\`"]?\\.)?[\`"]?${name}[\`"]?\\s`;
      const fileUpdate = at(new RegExp(`^\\s*update\\s+${table('files')}`, 'i'));
      const jobEnd = sql.findIndex((s, i) => /^\s*update/i.test(s) && JOBS_TABLE.test(s) && i > fileUpdate);
      const provenance = at(new RegExp(`^\\s*insert\\s+into\\s+${table('auto_alt_text_provenance')}`, 'i'));
      const version = at(new RegExp(`^\\s*insert\\s+into\\s+${table('auto_alt_text_versions')}`, 'i'));
      const quality = at(new RegExp(`^\\s*insert\\s+into\\s+${table('auto_alt_text_quality')}`, 'i'));
      expect([fileUpdate, jobEnd, provenance, version, quality].every((index) => index >= 0)).toBe(true);

      // One BEGIN before the alt text's update, and its COMMIT after the job's end: nothing commits in between.
      const begin = sql.slice(0, fileUpdate).map(isBegin).lastIndexOf(true);
      const commit = sql.findIndex((s, index) => index > fileUpdate && isCommit(s));
      expect(begin).toBeGreaterThanOrEqual(0);
      expect(commit).toBeGreaterThan(jobEnd);
      for (const index of [provenance, version, quality]) expect(index > begin && index < commit).toBe(true);
      expect(sql.filter(isCommit)).toHaveLength(1);
      // The write-back: BEGIN, the guard (text and decorative mark in one read), Strapi's update of the
      // file (read, update, read), provenance, history, quality (duplicate read, upsert), the job's end, COMMIT.
      expect(commit - begin + 1).toBeLessThanOrEqual(11);
    }, 60000);

    test('a claim takes its batch in two statements, and workers claiming at once never share a job', async () => {
      const { queue } = pluginServices(app.strapi);
      await queue.pause('MANUAL', 'claims are made by the test');
      const store = createJobStore(app.strapi);
      const base = 900_000;
      const inserted = await createJobTable(app.strapi).insertActive(Array.from({ length: 60 }, (_, i) => ({ fileId: base + i, reason: 'manual' as const, mode: 'fill' as const })));
      expect(inserted).toBe(60);
      const options = { leaseMs: 60_000, maxAttempts: 3 };

      const log = recording(app);
      const solo = await store.claim(5, 'solo-worker', options);
      log.stop();
      expect(solo.claimed).toHaveLength(5);
      expect(log.statements.filter((s) => JOBS_TABLE.test(s.sql)).map((s) => s.sql.trim().split(/\s+/)[0].toLowerCase())).toEqual(['select', 'update']);

      const owners = ['w1', 'w2', 'w3', 'w4'];
      const won = new Map<string, JobRow[]>(owners.map((owner) => [owner, []]));
      await Promise.all(
        owners.map(async (owner) => {
          for (let empty = 0; empty < 3; ) {
            const { claimed } = await store.claim(4, owner, options);
            won.get(owner)?.push(...claimed);
            empty = claimed.length === 0 ? empty + 1 : 0;
          }
        })
      );
      const ids = [...won.values()].flat().map((job) => job.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(55);
      const rows = (await app.strapi.db.query('plugin::auto-alt-text.job').findMany({ where: { fileId: { $gte: base } }, select: ['id', 'status', 'leaseOwner', 'attempts'] })) as JobRow[];
      const ownerOf = new Map(rows.map((row) => [row.id, row.leaseOwner]));
      for (const [owner, jobs] of won) for (const job of jobs) expect(ownerOf.get(job.id)).toBe(owner);
      expect(rows.every((row) => row.status === 'running' && row.attempts === 1)).toBe(true);
    }, 60000);
  });
