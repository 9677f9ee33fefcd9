import type { Knex } from 'knex';
import { createJobTable } from '../../../server/src/queue/job-table';
import { RUN_PAGE_SIZE } from '../../../server/src/queue/runs/enqueue';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { pluginServices } from '../../support/plugin';
import { waitFor } from '../../support/wait-for';

const HUMAN_TEXT = 'A person wrote this';

interface Statement {
  sql: string;
  bindings: unknown[];
}

interface JobRecord {
  fileId: number;
  activeFileId: number | null;
  runId: number | null;
  reason: string;
  mode: string;
  status: string;
  lang: string | null;
  attempts: number;
  contextEntry: unknown;
  locales: unknown;
  force: boolean;
  availableAt: Date | string;
}

const pageSize = RUN_PAGE_SIZE;
/** Three run pages: full, full, 200 files. */
const fileCount = 2 * pageSize + 200;
const JOB_UID = 'plugin::auto-alt-text.job';
const isJobInsert = (statement: Statement) => /^\s*insert/i.test(statement.sql) && /auto_alt_text_jobs/i.test(statement.sql);
const isFilesPage = (statement: Statement) => /^\s*select/i.test(statement.sql) && /from [`"]files[`"]/i.test(statement.sql);

/** A job row the way the plugin writes one, for the jobs that exist before the run. */
const jobRow = (fileId: number, status: 'pending' | 'failed') => {
  const now = new Date();
  return { file_id: fileId, active_file_id: status === 'pending' ? fileId : null, reason: 'upload', mode: 'fill', status, attempts: 0, rate_limit_waits: 0, force: false, available_at: now, created_at: now, updated_at: now };
};

/**
 * A bulk run's enqueue on one database, as the run sees it: every file of its scope queued once
 * (files out of scope left, files with an active job counted as already queued, a failed file
 * queued again), whatever the way its pages are read and its jobs inserted. On PostgreSQL and
 * MariaDB the next page is read while this page's jobs are inserted; a pause still stops the run
 * between pages. PostgreSQL inserts a page's jobs in one statement.
 */
export const runEnqueueSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'a run’s enqueue', () => {
    let app: PlaygroundApp;
    let knex: Knex;
    const statements: Statement[] = [];
    const record = (query: { sql?: string; bindings?: unknown[] }) => {
      if (query.sql) statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
    };

    beforeAll(async () => {
      app = await bootPlayground({ database, env: { ALT_TEXT_AUTO_ON_UPLOAD: 'false' } });
      knex = app.strapi.db.connection;
      // Nothing is sent: only the enqueue is looked at.
      await pluginServices(app.strapi).queue.pause('MANUAL', 'enqueue test');
      knex.on('query', record);
    }, 120_000);
    afterAll(async () => {
      knex?.removeListener('query', record);
      await app?.stop();
    });

    /** The only file rows: `fileCount` of them, ids ascending; every seventh has a person's text (out of the `missing` scope). */
    const seedFiles = async (tag: string): Promise<{ ids: number[]; human: Set<number> }> => {
      // Each test's run reads the whole files table: the files and jobs of the test before go.
      await knex(createJobTable(app.strapi).tableName).del();
      await knex('files').del();
      const now = new Date();
      const rows = Array.from({ length: fileCount }, (_, i) => ({
        document_id: `${tag}-${i}`,
        name: `${tag}-${i}.png`,
        alternative_text: i % 7 === 3 ? HUMAN_TEXT : null,
        mime: 'image/png',
        width: 800,
        height: 600,
        size: 120.5,
        hash: `${tag}_${i}`,
        ext: '.png',
        url: `/uploads/${tag}_${i}.png`,
        provider: 'local',
        folder_path: '/',
        created_at: now,
        updated_at: now,
      }));
      // SQLite takes at most 500 terms in a multi-row insert's compound SELECT.
      for (let start = 0; start < rows.length; start += 100) await knex('files').insert(rows.slice(start, start + 100));
      const found = (await knex('files').orderBy('id').select('id', 'alternative_text')) as Array<{ id: number | string; alternative_text: string | null }>;
      expect(found).toHaveLength(fileCount);
      return { ids: found.map((row) => Number(row.id)), human: new Set(found.filter((row) => row.alternative_text === HUMAN_TEXT).map((row) => Number(row.id))) };
    };

    const jobsOf = async (fileIds: number[]): Promise<JobRecord[]> =>
      (await app.strapi.db.query(JOB_UID).findMany({ where: { fileId: { $in: fileIds } }, orderBy: [{ id: 'asc' }] })) as JobRecord[];

    const runRow = async (runId: number) =>
      (await app.strapi.db.query('plugin::auto-alt-text.run').findOne({ where: { id: runId } })) as { cursor: number; enqueueComplete: boolean; skippedAtEnqueue: Record<string, number> };

    /** What the run must have queued: each file in scope without an active job before it, once, as a run job. */
    const expectQueuedExactly = async (runId: number, ids: number[], inScope: number[], queuedBefore: number[]) => {
      const run = await runRow(runId);
      expect(run.enqueueComplete).toBe(true);
      expect(run.cursor).toBe(ids[ids.length - 1]);
      expect(run.skippedAtEnqueue['already queued']).toBe(queuedBefore.length);
      const jobs = (await jobsOf(ids)).filter((job) => job.runId === runId);
      const before = new Set(queuedBefore);
      expect(jobs.map((job) => job.fileId)).toEqual(inScope.filter((id) => !before.has(id)));
      for (const job of jobs) {
        expect(job).toMatchObject({ activeFileId: job.fileId, reason: 'run', mode: 'fill', status: 'pending', lang: null, attempts: 0, contextEntry: null, locales: null, force: false });
      }
      // No file holds two jobs owing work.
      const active = (await jobsOf(ids)).filter((job) => job.activeFileId !== null).map((job) => job.fileId);
      expect(new Set(active).size).toBe(active.length);
    };

    test('a run over three pages queues each file in its scope once: out of scope left, active jobs counted as already queued, a failure queued again', async () => {
      const { ids, human } = await seedFiles('enqueue-all');
      const inScope = ids.filter((id) => !human.has(id));
      // An active job in the first and in the last page; a failed (ended) job in the second.
      const queuedBefore = [inScope[10], inScope[inScope.length - 5]];
      const failedBefore = inScope.find((id) => id > ids[pageSize]) as number;
      await knex(createJobTable(app.strapi).tableName).insert([jobRow(queuedBefore[0], 'pending'), jobRow(queuedBefore[1], 'pending'), jobRow(failedBefore, 'failed')]);

      const from = statements.length;
      const run = await pluginServices(app.strapi).runs.create({ scope: { kind: 'missing' }, mode: 'fill' });
      await waitFor('the run to be enqueued', async () => ((await runRow(run.id)).enqueueComplete ? true : undefined), 60_000);

      await expectQueuedExactly(run.id, ids, inScope, queuedBefore);
      const inserts = statements.slice(from).filter(isJobInsert).length;
      const perPage = [0, pageSize, 2 * pageSize].map((start) => ids.slice(start, start + pageSize).filter((id) => !human.has(id)).length);
      // PostgreSQL: one array insert per page; the others 250 rows a statement (job-table.ts).
      expect(inserts).toBe(database === 'postgres' ? perPage.length : perPage.reduce((sum, count) => sum + Math.ceil(count / 250), 0));
    }, 120_000);

    test('insertActive writes each job as given and skips files that have an active job', async () => {
      const { ids } = await seedFiles('enqueue-rows');
      const table = createJobTable(app.strapi);
      const availableAt = new Date(Date.UTC(2030, 0, 2, 3, 4, 5));
      const jobs = ids.slice(0, 1200).map((fileId, i) => ({
        fileId,
        reason: i % 2 ? ('context' as const) : ('manual' as const),
        mode: i % 3 ? ('fill' as const) : ('overwrite' as const),
        lang: i % 5 ? null : 'fr',
        runId: i % 2 ? 7 : null,
        contextEntry: i % 2 ? { uid: 'api::article.article', documentId: `doc "${i}" \\ {,}`, locale: i % 4 ? 'fr' : null } : null,
        locales: i % 3 ? null : ['en', 'fr'],
        force: i % 4 === 0,
        ...(i % 6 === 0 ? { availableAt } : {}),
      }));
      expect(await table.insertActive(jobs.slice(0, 100))).toBe(100);
      // The first 100 are active now: only the 1 100 others are inserted (more than one statement on every database).
      expect(await table.insertActive(jobs)).toBe(1100);
      const rows = await jobsOf(ids.slice(0, 1200));
      expect(rows).toHaveLength(1200);
      for (const [i, row] of rows.entries()) {
        const job = jobs[i];
        expect(row).toMatchObject({
          fileId: job.fileId,
          activeFileId: job.fileId,
          reason: job.reason,
          mode: job.mode,
          lang: job.lang,
          runId: job.runId,
          status: 'pending',
          attempts: 0,
          contextEntry: job.contextEntry,
          locales: job.locales,
          force: job.force,
        });
        if (job.availableAt) expect(new Date(row.availableAt).getTime()).toBe(availableAt.getTime());
      }
    }, 120_000);

    if (database !== 'sqlite') {
      test('the next page is read while a page’s jobs are inserted; a pause still stops the run between pages', async () => {
        const { ids, human } = await seedFiles('enqueue-ahead');
        const inScope = ids.filter((id) => !human.has(id));
        // Another transaction holds an uncommitted job for the run's first file: the run's first insert waits on it.
        const blocker = await knex.transaction();
        let blocking = true;
        try {
          await blocker(createJobTable(app.strapi).tableName).insert(jobRow(inScope[0], 'pending'));
          const from = statements.length;
          const services = pluginServices(app.strapi);
          const run = await services.runs.create({ scope: { kind: 'missing' }, mode: 'fill' });
          const firstPageEnd = ids[pageSize - 1];
          await waitFor(
            'the second page to be read while the first page’s insert waits',
            async () => (statements.slice(from).some((statement) => isFilesPage(statement) && statement.bindings.includes(firstPageEnd)) ? true : undefined),
            15_000
          );
          // Only one page is read ahead, and the jobs are still written one statement at a time.
          expect(statements.slice(from).filter(isJobInsert)).toHaveLength(1);
          expect(statements.slice(from).filter((statement) => isFilesPage(statement) && statement.bindings.includes(ids[2 * pageSize - 1]))).toHaveLength(0);

          await services.runs.pause(run.id);
          await blocker.commit();
          blocking = false;
          await waitFor('the first page to be recorded', async () => ((await runRow(run.id)).cursor === firstPageEnd ? true : undefined), 30_000);
          // The page read ahead was dropped with the pause: no job past the first page.
          const afterPause = (await jobsOf(ids)).filter((job) => job.runId === run.id);
          expect(afterPause.map((job) => job.fileId)).toEqual(inScope.filter((id) => id <= firstPageEnd && id !== inScope[0]));
          // Inserted after the pause had paused the run's jobs: they follow the run, none left pending.
          expect(new Set(afterPause.map((job) => job.status))).toEqual(new Set(['paused']));

          await services.runs.resume(run.id);
          // Resume's own enqueue may find the paused one still finishing its page: asked again until it runs.
          await waitFor(
            'the run to be enqueued after the resume',
            async () => {
              if ((await runRow(run.id)).enqueueComplete) return true;
              await services.runs.continueEnqueue(run.id);
              return undefined;
            },
            60_000
          );
          await expectQueuedExactly(run.id, ids, inScope, [inScope[0]]);
        } finally {
          if (blocking) await blocker.rollback();
        }
      }, 120_000);

      test('a run cancelled while a page’s jobs are being inserted leaves none of them owing work', async () => {
        const { ids, human } = await seedFiles('enqueue-cancel');
        const inScope = ids.filter((id) => !human.has(id));
        const blocker = await knex.transaction();
        let blocking = true;
        try {
          await blocker(createJobTable(app.strapi).tableName).insert(jobRow(inScope[0], 'pending'));
          const from = statements.length;
          const services = pluginServices(app.strapi);
          const run = await services.runs.create({ scope: { kind: 'missing' }, mode: 'fill' });
          await waitFor('the first page’s insert to wait', async () => (statements.slice(from).some(isJobInsert) ? true : undefined), 15_000);
          await services.runs.cancel(run.id);
          await blocker.commit();
          blocking = false;
          await waitFor('the first page to be recorded', async () => ((await runRow(run.id)).cursor === ids[pageSize - 1] ? true : undefined), 30_000);
          const jobs = (await jobsOf(ids)).filter((job) => job.runId === run.id);
          expect(jobs.length).toBeGreaterThan(0);
          expect(jobs.filter((job) => job.status !== 'cancelled' || job.activeFileId !== null)).toEqual([]);
        } finally {
          if (blocking) await blocker.rollback();
        }
      }, 120_000);
    }
  });
