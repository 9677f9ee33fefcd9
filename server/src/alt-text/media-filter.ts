import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { MediaFilter } from '../../../shared/vocabulary';
import { LOCALE_TEXT_UID, PROVENANCE_UID, QUALITY_UID } from '../models';
import { FILE_UID } from '../utils/plugin-id';
import { exactEqualsSql, missingAltTextSql, sqlDialectOf } from './missing-sql';
import { decorativeSql, uncoveredSql } from './decorative-sql';

export type { MediaFilter } from '../../../shared/vocabulary';

/** How many matching images past the current page the media list counts; more are shown as "10 000+". */
export const COUNT_AHEAD = 10_000;

/**
 * The library's images filtered by where their alt text came from, in SQL (a join on the
 * provenance table), so the admin's list pages through any library one page at a time. The same
 * precedence as a row's `source`: decorative (marked; '' is its text), missing, else generated, else
 * human. `decorative` lists the marked and the suggested images whose text is still empty.
 */
export const createMediaFilter = (strapi: Core.Strapi) => {
  const fileMeta = strapi.db.metadata.get(FILE_UID);
  const provenanceMeta = strapi.db.metadata.get(PROVENANCE_UID);
  const column = (meta: typeof fileMeta, attribute: string) =>
    ((meta.attributes as Record<string, { columnName?: string }>)[attribute]?.columnName ?? attribute) as string;
  const f = { table: fileMeta.tableName, name: column(fileMeta, 'name'), alt: column(fileMeta, 'alternativeText'), mime: column(fileMeta, 'mime') };
  const p = { table: provenanceMeta.tableName, fileId: column(provenanceMeta, 'fileId'), text: column(provenanceMeta, 'text'), source: column(provenanceMeta, 'source') };
  const localeMeta = strapi.db.metadata.get(LOCALE_TEXT_UID);

  const l = { table: localeMeta.tableName, fileId: column(localeMeta, 'fileId'), locale: column(localeMeta, 'locale'), text: column(localeMeta, 'text'), source: column(localeMeta, 'source') };
  const qualityMeta = strapi.db.metadata.get(QUALITY_UID);
  const q = { table: qualityMeta.tableName, fileId: column(qualityMeta, 'fileId'), locale: column(qualityMeta, 'locale'), text: column(qualityMeta, 'text'), flagCount: column(qualityMeta, 'flagCount') };

  /** `flagged`: a quality row with flags for exactly the text the image has now in `locale` (a stale row does not count). */
  const flaggedNow = (rows: Knex.QueryBuilder, locale: string, currentText: string) => {
    const knex = strapi.db.connection;
    const same = exactEqualsSql(sqlDialectOf(knex), `${q.table}.${q.text}`, currentText);
    return rows.whereExists(
      knex(q.table)
        .select(knex.raw('1'))
        .whereRaw('?? = ??', [`${q.table}.${q.fileId}`, `${f.table}.id`])
        .where(`${q.table}.${q.locale}`, locale)
        .where(`${q.table}.${q.flagCount}`, '>', 0)
        .whereRaw(same.sql, same.bindings)
    );
  };

  /** `missing` leaves marked images out (covered); `decorative` is the marked and suggested ones whose text is still missing. */
  const filterDecorative = (filter: MediaFilter, where: (sql: { sql: string; bindings: Knex.RawBinding[] }) => void, missing: { sql: string; bindings: Knex.RawBinding[] }, columns: { alt: string; name: string }) => {
    const fileId = `${f.table}.id`;
    if (filter === 'missing') where(uncoveredSql(strapi, sqlDialectOf(strapi.db.connection), { ...columns, fileId }));
    if (filter === 'decorative') {
      where(decorativeSql(strapi, fileId, null));
      where(missing);
    }
  };

  /** The default locale: the file's own column, "generated" while it equals the plugin's (not imported) provenance. */
  const inDefaultLocale = (filter: MediaFilter, defaultLocale: string) => {
    const knex = strapi.db.connection;
    const dialect = sqlDialectOf(knex);
    const missing = missingAltTextSql(dialect, { alt: `${f.table}.${f.alt}`, name: `${f.table}.${f.name}` });
    // "Generated" = still exactly the text the plugin wrote: on MySQL a plain `=` would also match
    // a human's edit that only changed case, accents or trailing spaces.
    const stillGenerated = exactEqualsSql(dialect, `${p.table}.${p.text}`, `${f.table}.${f.alt}`);
    // Only `generated` and `human` ask the provenance; the join costs MySQL a lookup per file (it
    // does not drop an unused unique LEFT JOIN as PostgreSQL and SQLite do), 1 000 000 in a count.
    let rows =
      filter === 'generated' || filter === 'human'
        ? knex(f.table).leftJoin(p.table, function joinProvenance(this: Knex.JoinClause) {
            this.on(`${p.table}.${p.fileId}`, '=', `${f.table}.id`)
              .andOn(knex.raw(stillGenerated.sql, stillGenerated.bindings))
              .andOn(knex.raw(`(?? IS NULL OR ?? <> 'imported')`, [`${p.table}.${p.source}`, `${p.table}.${p.source}`]));
          })
        : knex(f.table);
    filterDecorative(filter, (sql) => (rows = rows.whereRaw(sql.sql, sql.bindings)), missing, { alt: `${f.table}.${f.alt}`, name: `${f.table}.${f.name}` });
    if (filter === 'generated') rows = rows.whereNotNull(`${p.table}.id`).whereRaw(`NOT ${missing.sql}`, missing.bindings);
    if (filter === 'human') rows = rows.whereNull(`${p.table}.id`).whereRaw(`NOT ${missing.sql}`, missing.bindings);
    if (filter === 'flagged') rows = flaggedNow(rows, defaultLocale, `${f.table}.${f.alt}`);
    return rows;
  };

  /** Another locale: the plugin's locale table, its `source` column saying who wrote a text. */
  const inLocale = (filter: MediaFilter, locale: string) => {
    const knex = strapi.db.connection;
    const missing = missingAltTextSql(sqlDialectOf(knex), { alt: `${l.table}.${l.text}`, name: `${f.table}.${f.name}` });
    let rows = knex(f.table).leftJoin(l.table, function joinLocale(this: Knex.JoinClause) {
      this.on(`${l.table}.${l.fileId}`, '=', `${f.table}.id`).andOn(`${l.table}.${l.locale}`, '=', knex.raw('?', [locale]));
    });
    filterDecorative(filter, (sql) => (rows = rows.whereRaw(sql.sql, sql.bindings)), missing, { alt: `${l.table}.${l.text}`, name: `${f.table}.${f.name}` });
    if (filter === 'generated') rows = rows.where(`${l.table}.${l.source}`, 'generated').whereRaw(`NOT ${missing.sql}`, missing.bindings);
    if (filter === 'human') rows = rows.whereIn(`${l.table}.${l.source}`, ['human', 'imported']).whereRaw(`NOT ${missing.sql}`, missing.bindings);
    if (filter === 'flagged') rows = flaggedNow(rows, locale, `${l.table}.${l.text}`);
    return rows;
  };

  const query = (filter: MediaFilter, search: string | undefined, locale: string | null, defaultLocale: string) => {
    let rows = (locale === null ? inDefaultLocale(filter, defaultLocale) : inLocale(filter, locale)).where(`${f.table}.${f.mime}`, 'like', 'image/%');
    if (search) {
      // The file name or the alt text shown (this locale's), ignoring case on every database (PostgreSQL's LIKE does not).
      const pattern = `%${search.replace(/[%_]/g, '').toLowerCase()}%`;
      const text = locale === null ? `${f.table}.${f.alt}` : `${l.table}.${l.text}`;
      rows = rows.where((either: Knex.QueryBuilder) => either.whereRaw('LOWER(??) LIKE ?', [`${f.table}.${f.name}`, pattern]).orWhereRaw('LOWER(??) LIKE ?', [text, pattern]));
    }
    return rows;
  };

  return {
    /**
     * One page of image ids, newest first, and how many images match: exactly, up to
     * `COUNT_AHEAD` past the page; beyond that `total` is that bound and `totalIsLowerBound` is set
     * (a count of every match reads every row: 0.2–1.5 s at a million images, on each page load).
     * `locale` null = the default locale (`defaultLocale`, for quality flags).
     */
    async page(filter: MediaFilter, search: string | undefined, page: number, pageSize: number, locale: string | null = null, defaultLocale = ''): Promise<{ ids: number[]; total: number; totalIsLowerBound: boolean }> {
      const knex = strapi.db.connection;
      const offset = (page - 1) * pageSize;
      const countUpTo = offset + COUNT_AHEAD;
      const matching = query(filter, search, locale, defaultLocale).select(`${f.table}.id`).limit(countUpTo + 1).as('matching');
      // The count and the page side by side on PostgreSQL and MySQL (connections of their own).
      const [[{ total }], rows] = (await Promise.all([
        knex.from(matching).count({ total: '*' }),
        query(filter, search, locale, defaultLocale).select(`${f.table}.id as id`).orderBy(`${f.table}.id`, 'desc').offset(offset).limit(pageSize),
      ])) as [Array<{ total: number | string }>, Array<{ id: number | string }>];
      const counted = Number(total);
      return { ids: rows.map((row) => Number(row.id)), total: Math.min(counted, countUpTo), totalIsLowerBound: counted > countUpTo };
    },
  };
};
