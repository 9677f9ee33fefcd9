import type { Core } from '@strapi/strapi';
import { sqlDialectOf } from '../alt-text/missing-sql';
import { JOB_UID, tableOf, type JobReason, type WriteMode } from '../models';
import { createPostgresArrayInsert } from './job-insert-postgres';

export interface NewJob {
  fileId: number;
  reason: JobReason;
  mode: WriteMode;
  lang?: string | null;
  runId?: number | null;
  /** The entry whose context to use; absent = every entry that uses the image. */
  contextEntry?: { uid: string; documentId: string; locale: string | null } | null;
  /** Not before this time (an upload waiting for the entry around it to be saved); absent = now. */
  availableAt?: Date;
  /** Only these locales; absent = every locale the plugin writes. */
  locales?: string[] | null;
  /** Ask the provider even when the cache holds a text for the same bytes. */
  force?: boolean;
}

/**
 * Rows per insert: half a run's page (250 of 500), so a page costs two commits. On SQLite in its
 * default rollback-journal mode each commit waits for the disk on the event loop (35 ms on average
 * on a loaded machine, 458 ms at worst: docs/benchmarks.md "Round two: scale"); SQLite takes at
 * most 500 terms in the compound SELECT knex builds for a multi-row insert.
 */
const INSERT_CHUNK = 250;
/** PostgreSQL's array insert (job-insert-postgres.ts) has 15 parameters whatever its rows: a run's page in one statement. */
const POSTGRES_INSERT_CHUNK = 1000;

/** The database refused a row because another one already holds the same unique value. */
export const isUniqueViolation = (error: unknown): boolean => {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  // PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE, MySQL/MariaDB ER_DUP_ENTRY (1062).
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'ER_DUP_ENTRY' || errno === 1062;
};

/**
 * The jobs table below Strapi's query layer, for the two statements that layer cannot express: an
 * insert that skips files which already have an active job (`ON CONFLICT DO NOTHING` /
 * `INSERT IGNORE` on the unique `active_file_id`), and an update that may hit that constraint.
 */
export const createJobTable = (strapi: Core.Strapi) => {
  const table = tableOf(strapi, JOB_UID);
  const { column } = table;
  const knex = () => strapi.db.connection;
  const isMysql = () => /mysql|maria/i.test(String(knex().client.config.client ?? ''));
  const isPostgres = () => sqlDialectOf(knex()) === 'postgres';
  const insertArrays = createPostgresArrayInsert(knex, table.name);

  /** A new job's columns, each with its value for a job: the one list both insert shapes are built from. */
  const fields: Array<[attribute: string, value: (job: NewJob, now: Date) => unknown]> = [
    ['fileId', (job) => job.fileId],
    ['activeFileId', (job) => job.fileId],
    ['reason', (job) => job.reason],
    ['mode', (job) => job.mode],
    ['lang', (job) => job.lang ?? null],
    ['runId', (job) => job.runId ?? null],
    ['status', () => 'pending'],
    ['attempts', () => 0],
    ['rateLimitWaits', () => 0],
    ['contextEntry', (job) => (job.contextEntry ? JSON.stringify(job.contextEntry) : null)],
    ['locales', (job) => (job.locales ? JSON.stringify(job.locales) : null)],
    ['force', (job) => job.force === true],
    ['availableAt', (job, now) => job.availableAt ?? now],
    ['createdAt', (_job, now) => now],
    ['updatedAt', (_job, now) => now],
  ];
  const rowFor = (job: NewJob, now: Date) => Object.fromEntries(fields.map(([attribute, value]) => [column(attribute), value(job, now)]));
  /** The same values as `rowFor`, one array per column (no object per job). */
  const columnsFor = (jobs: NewJob[], now: Date): Array<[string, unknown[]]> => fields.map(([attribute, value]) => [column(attribute), jobs.map((job) => value(job, now))]);

  return {
    column,
    tableName: table.name,

    /** Inserts pending jobs, skipping files that have an active job; resolves with how many were inserted. */
    async insertActive(jobs: NewJob[]): Promise<number> {
      const now = new Date();
      let inserted = 0;
      if (isPostgres()) {
        for (let start = 0; start < jobs.length; start += POSTGRES_INSERT_CHUNK) {
          inserted += await insertArrays(columnsFor(jobs.slice(start, start + POSTGRES_INSERT_CHUNK), now), column('activeFileId'));
        }
        return inserted;
      }
      for (let start = 0; start < jobs.length; start += INSERT_CHUNK) {
        const rows = jobs.slice(start, start + INSERT_CHUNK).map((job) => rowFor(job, now));
        const query = knex()(table.name).insert(rows).onConflict(column('activeFileId')).ignore();
        if (isMysql()) {
          // mysql2 reports affected rows only on the raw result; knex's insert answers the first id.
          const { sql, bindings } = query.toSQL().toNative();
          const [result] = (await knex().raw(sql, bindings)) as unknown as [{ affectedRows: number }];
          inserted += result.affectedRows;
        } else {
          inserted += ((await query.returning('id')) as unknown[]).length;
        }
      }
      return inserted;
    },

    /** Makes a failed job active again; false when its file has an active job already. */
    async reactivate(jobId: number, fileId: number, now: Date): Promise<boolean> {
      try {
        const count = await knex()(table.name)
          .where(column('id'), jobId)
          .where(column('status'), 'failed')
          .update({
            [column('status')]: 'pending',
            [column('activeFileId')]: fileId,
            [column('attempts')]: 0,
            [column('rateLimitWaits')]: 0,
            [column('availableAt')]: now,
            [column('errorCode')]: null,
            [column('errorMessage')]: null,
            [column('finishedAt')]: null,
            [column('updatedAt')]: now,
          });
        return Number(count) === 1;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    /**
     * Gives an active job written before `activeFileId` existed its file id; false when another
     * active job holds that file already (the older plugin allowed such duplicates).
     */
    async adopt(jobId: number, fileId: number): Promise<boolean> {
      try {
        const count = await knex()(table.name)
          .where(column('id'), jobId)
          .whereNull(column('activeFileId'))
          .update({ [column('activeFileId')]: fileId });
        return Number(count) === 1;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    /**
     * Failed jobs that are the latest job of their file (a newer job — queued again, done since —
     * supersedes an old failure), newest first.
     */
    latestFailures(filter: { runId?: number; jobIds?: number[] }) {
      const jobs = table.name;
      const query = knex()(`${jobs} as failed`)
        .where(`failed.${column('status')}`, 'failed')
        .whereNotExists((newer) =>
          newer
            .select(knex().raw('1'))
            .from(`${jobs} as newer`)
            .whereRaw('?? = ??', [`newer.${column('fileId')}`, `failed.${column('fileId')}`])
            .whereRaw('?? > ??', [`newer.${column('id')}`, `failed.${column('id')}`])
        );
      if (filter.runId !== undefined) query.where(`failed.${column('runId')}`, filter.runId);
      if (filter.jobIds !== undefined) query.whereIn(`failed.${column('id')}`, filter.jobIds);
      return query;
    },
  };
};

export type JobTable = ReturnType<typeof createJobTable>;
