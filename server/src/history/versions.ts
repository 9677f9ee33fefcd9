import type { Core } from '@strapi/strapi';
import type { AltTextActor, AltTextVersionKind } from '../../../shared/contracts/history';
import type { AltTextChange } from '../alt-text/changes';
import { VERSION_UID, tableOf } from '../models';

export interface VersionRow {
  id: number;
  fileId: number;
  locale: string;
  text: string | null;
  kind: AltTextVersionKind;
  actor: AltTextActor | null;
  provider: string | null;
  lang: string | null;
  jobId: number | null;
  createdAt: string | Date;
}

/** Rows per insert: well under every database's limit on bound parameters (9 columns each). */
const INSERT_BATCH = 500;

const keyOf = (fileId: number, locale: string) => `${fileId}\u0000${locale}`;

/**
 * The versions table. Every query goes through Strapi's query layer, so inside a CSV import's
 * transaction it joins that transaction by itself (a rolled-back import leaves no version).
 */
export const createVersionStore = (strapi: Core.Strapi) => {
  const rows = () => strapi.db.query(VERSION_UID);

  /** The (file, locale) pairs among these that have no version yet. */
  const withoutHistory = async (changes: AltTextChange[]): Promise<Set<string>> => {
    const fileIds = [...new Set(changes.map((change) => change.fileId))];
    const found = (await rows().findMany({ where: { fileId: { $in: fileIds } }, select: ['fileId', 'locale'] })) as Array<Pick<VersionRow, 'fileId' | 'locale'>>;
    const known = new Set(found.map((row) => keyOf(row.fileId, row.locale)));
    return new Set(changes.map((change) => keyOf(change.fileId, change.locale)).filter((key) => !known.has(key)));
  };

  return {
    /**
     * Keeps each change as a version. The first change of a (file, locale) that replaced a text
     * (typed in the Media Library before the plugin touched it) first keeps that text as `original`.
     */
    async record(changes: AltTextChange[]): Promise<void> {
      const replacing = changes.filter((change) => change.previous);
      const fresh = replacing.length > 0 ? await withoutHistory(replacing) : new Set<string>();
      const now = Date.now();
      const values: Array<Omit<VersionRow, 'id'>> = [];
      for (const change of changes) {
        const key = keyOf(change.fileId, change.locale);
        // The baseline is a millisecond older, so newest-first lists it after the change.
        if (change.previous && fresh.delete(key)) {
          values.push({ fileId: change.fileId, locale: change.locale, text: change.previous, kind: 'original', actor: null, provider: null, lang: null, jobId: null, createdAt: new Date(now - 1) });
        }
        values.push({ fileId: change.fileId, locale: change.locale, text: change.text, kind: change.kind, actor: change.actor, provider: change.provider ?? null, lang: change.lang ?? null, jobId: change.jobId ?? null, createdAt: new Date(now) });
      }
      for (let start = 0; start < values.length; start += INSERT_BATCH) {
        await rows().createMany({ data: values.slice(start, start + INSERT_BATCH) });
      }
    },

    async get(id: number): Promise<VersionRow | null> {
      return (await rows().findOne({ where: { id } })) as VersionRow | null;
    },

    /** One locale's versions of a file, newest first. */
    async page(fileId: number, locale: string, page: number, pageSize: number): Promise<{ rows: VersionRow[]; total: number; newestId: number | null }> {
      const where = { fileId, locale };
      const orderBy = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];
      const [found, total, newest] = await Promise.all([
        rows().findMany({ where, orderBy, offset: (page - 1) * pageSize, limit: pageSize }) as Promise<VersionRow[]>,
        rows().count({ where }),
        rows().findOne({ where, orderBy, select: ['id'] }) as Promise<Pick<VersionRow, 'id'> | null>,
      ]);
      return { rows: found, total, newestId: newest?.id ?? null };
    },

    /**
     * Deletes versions older than the cutoff, except the newest of each (file, locale): the text an
     * image has now keeps its version however old. The keepers are read through a derived table
     * because MySQL/MariaDB refuse a subquery on the table a DELETE writes.
     */
    async prune(olderThan: Date): Promise<number> {
      const table = tableOf(strapi, VERSION_UID);
      const knex = strapi.db.connection;
      const newest = knex(table.name).max({ id: 'id' }).groupBy([table.column('fileId'), table.column('locale')]);
      return knex(table.name)
        .where(table.column('createdAt'), '<', olderThan)
        .whereNotIn('id', knex.select('id').from(newest.as('keep')))
        .del();
    },
  };
};

export type VersionStore = ReturnType<typeof createVersionStore>;
