/**
 * Inserts file rows straight into an app's files table from THIS process (not the app's), as a
 * migration or an import would: no upload, no lifecycle, so no job, and the app's memory is not
 * touched by the seeding (its RSS growth is measured afterwards).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import knexFactory, { type Knex } from 'knex';
import { MYSQL, PG, type Db } from './context';

export interface SeedObject {
  hash: string;
  ext: string;
  mime: string;
  width: number;
  height: number;
  /** Kilobytes, as Strapi stores it. */
  sizeKb: number;
}

export interface FileTable {
  tableName: string;
  columns: Record<string, string>;
  hasPublishedAt: boolean;
  /** SQLite file, or PostgreSQL / MariaDB database name. */
  database: string;
}

const documentId = () => randomBytes(18).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 24);

export async function insertFileRows(
  db: Db,
  table: FileTable,
  options: { count: number; objects: SeedObject[]; namePrefix: string; urlBase: string }
): Promise<{ seconds: number }> {
  const knex: Knex = knexFactory(
    db === 'sqlite'
      ? { client: 'better-sqlite3', connection: { filename: table.database }, useNullAsDefault: true }
      : db === 'mysql'
        ? { client: 'mysql2', connection: { ...MYSQL, database: table.database } }
        : { client: 'pg', connection: { ...PG, database: table.database } }
  );
  const started = performance.now();
  try {
    const c = table.columns;
    const now = new Date();
    // SQLite allows at most 500 terms in the compound SELECT knex builds for a multi-row insert;
    // 2 000 rows of 17 columns stay under PostgreSQL's and MariaDB's 65 535 placeholders.
    const chunk = db === 'sqlite' ? 400 : 2000;
    await knex.transaction(async (trx) => {
      for (let start = 0; start < options.count; start += chunk) {
        const rows: Array<Record<string, unknown>> = [];
        for (let i = start; i < Math.min(options.count, start + chunk); i++) {
          const object = options.objects[i % options.objects.length];
          const row: Record<string, unknown> = {
            [c.documentId]: documentId(),
            [c.name]: `${options.namePrefix}-${i}${object.ext}`,
            [c.alternativeText]: null,
            [c.caption]: null,
            [c.width]: object.width,
            [c.height]: object.height,
            [c.formats]: null,
            [c.hash]: object.hash,
            [c.ext]: object.ext,
            [c.mime]: object.mime,
            [c.size]: object.sizeKb,
            [c.url]: `${options.urlBase}${object.hash}${object.ext}`,
            [c.provider]: 'aws-s3',
            [c.folderPath]: '/',
            [c.createdAt]: now,
            [c.updatedAt]: now,
          };
          if (table.hasPublishedAt) row[c.publishedAt] = now;
          rows.push(row);
        }
        await trx(table.tableName).insert(rows);
      }
    });
    return { seconds: (performance.now() - started) / 1000 };
  } finally {
    await knex.destroy();
  }
}
