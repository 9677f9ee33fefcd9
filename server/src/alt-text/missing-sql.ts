import type { Knex } from 'knex';
import { ALT_TEXT_WHITESPACE } from './missing';

/**
 * `isAltTextMissing` (missing-alt-text.ts, where the rule is written down) as one SQL condition,
 * for SQLite, PostgreSQL and MySQL/MariaDB. It must answer exactly like the code, so nothing is
 * left to the database's defaults:
 * - whitespace is stripped with W passed as a bound parameter (SQL `TRIM` strips only spaces);
 * - MySQL compares through `CAST(... AS BINARY)`: its collations ignore case, accents and
 *   trailing spaces, and would make "cat" the alt text of `CAT.png` (SQLite and PostgreSQL
 *   compare exactly with their default collation);
 * - the stem test uses no LIKE (`_` and `%` in names would be wildcards; SQLite's LIKE ignores case).
 * Only expressions over the row's own columns: no subqueries, so a coverage count over the whole
 * files table is one scan.
 */
export type SqlDialect = 'sqlite' | 'postgres' | 'mysql';

/** A database this code does not know how to ask (Strapi supports exactly the three above). */
export class UnsupportedDatabaseError extends Error {
  constructor(client: string) {
    super(`[auto-alt-text] unsupported database client "${client}": expected SQLite, PostgreSQL or MySQL/MariaDB`);
    this.name = 'UnsupportedDatabaseError';
  }
}

/** Strapi's knex clients: better-sqlite3, pg, mysql2 (and the names users may configure). */
export const sqlDialectOf = (knex: Knex): SqlDialect => {
  const client = String(knex.client.config.client ?? '');
  if (/sqlite/i.test(client)) return 'sqlite';
  if (/^(pg|postgres(ql)?)$/i.test(client)) return 'postgres';
  if (/mysql|maria/i.test(client)) return 'mysql';
  throw new UnsupportedDatabaseError(client);
};

export interface Sql {
  sql: string;
  bindings: Knex.RawBinding[];
}

const W_CLASS = `[${ALT_TEXT_WHITESPACE}]+`;
/**
 * Regular expressions, as bound parameters. MySQL's engines (MariaDB: PCRE, MySQL 8: ICU) let `$`
 * match before a final line break (ICU counts U+2028 too), so they anchor with `\z`; PostgreSQL's
 * `$` is the end of the string (its `\Z` would be the same, PCRE's is not). `[^.]` spans line
 * breaks in all three; W are literal characters inside a character class.
 */
const MYSQL_W_ENDS = `^${W_CLASS}|${W_CLASS}\\z`;
const MYSQL_EXTENSION = '\\.[^.]+\\z';
const POSTGRES_EXTENSION = '\\.[^.]+$';

const sql = (text: string, ...bindings: Knex.RawBinding[]): Sql => ({ sql: text, bindings });

const join = (parts: Sql[], separator: string): Sql => ({
  sql: parts.map((part) => part.sql).join(separator),
  bindings: parts.flatMap((part) => part.bindings),
});

interface DialectSql {
  /** `expr` without W at either end. */
  strip(expr: Sql): Sql;
  /** Exact equality: every character, case and accent, no padding. */
  equals(left: Sql, right: Sql): Sql;
  /** `text` equals `name` minus a final `.` + non-dots (a name without one is covered by `text = name`). */
  isStemOf(text: Sql, name: Sql): Sql;
}

/** `name` minus a final `.` + non-dots: a name's stem. */
const withoutExtension = (name: Sql, pattern: string): Sql => join([sql('REGEXP_REPLACE('), name, sql(", ?, '')", pattern)], '');

const DIALECTS: Record<SqlDialect, DialectSql> = {
  // SQLite's TRIM takes a character set, and its `=` is exact (BINARY collation). It has no
  // REGEXP_REPLACE, so the stem test reads "name = text + '.' + a non-empty rest without a dot".
  sqlite: {
    strip: (expr) => join([sql('TRIM('), expr, sql(', ?)', ALT_TEXT_WHITESPACE)], ''),
    equals: (left, right) => join([left, right], ' = '),
    isStemOf: (text, name) => {
      const t = (...parts: Array<string | Sql>) => join(parts.map((part) => (typeof part === 'string' ? sql(part) : part)), '');
      return t(
        '(LENGTH(', name, ') > LENGTH(', text, ') + 1',
        ' AND SUBSTR(', name, ', 1, LENGTH(', text, ')) = ', text,
        ' AND SUBSTR(', name, ', LENGTH(', text, ") + 1, 1) = '.'",
        ' AND INSTR(SUBSTR(', name, ', LENGTH(', text, ") + 2), '.') = 0)"
      );
    },
  },
  // BTRIM takes a character set too; `=` on text is exact under deterministic collations (the default).
  postgres: {
    strip: (expr) => join([sql('BTRIM('), expr, sql(', ?)', ALT_TEXT_WHITESPACE)], ''),
    equals: (left, right) => join([left, right], ' = '),
    isStemOf: (text, name) => join([text, withoutExtension(name, POSTGRES_EXTENSION)], ' = '),
  },
  // MySQL's TRIM strips one string, not a set: W goes in a regular expression (MariaDB: PCRE, MySQL 8: ICU).
  mysql: {
    strip: (expr) => join([sql('REGEXP_REPLACE('), expr, sql(", ?, '')", MYSQL_W_ENDS)], ''),
    equals: (left, right) => join([sql('CAST('), left, sql(' AS BINARY) = CAST('), right, sql(' AS BINARY)')], ''),
    isStemOf: (text, name) => DIALECTS.mysql.equals(text, withoutExtension(name, MYSQL_EXTENSION)),
  },
};

export interface AltTextColumns {
  /** The alt text column, qualified if the query joins (`files.alternative_text`). */
  alt: string;
  /** The file name column. */
  name: string;
}

/**
 * The condition "this row's alt text is missing", never NULL (so `NOT (...)` is "has alt text"):
 * a NULL alt text answers TRUE before anything else, and a NULL name counts as ''.
 */
export const missingAltTextSql = (dialect: SqlDialect, columns: AltTextColumns): Sql => {
  const d = DIALECTS[dialect];
  const alt = d.strip(sql('??', columns.alt));
  const name = d.strip(sql("COALESCE(??, '')", columns.name));
  const missing = join([sql('?? IS NULL', columns.alt), d.equals(alt, sql('?', '')), d.equals(alt, name), d.isStemOf(alt, name)], ' OR ');
  return { sql: `(${missing.sql})`, bindings: missing.bindings };
};

/** Exact equality of two columns (the provenance join: "still the text the plugin wrote"). */
export const exactEqualsSql = (dialect: SqlDialect, left: string, right: string): Sql =>
  DIALECTS[dialect].equals(sql('??', left), sql('??', right));
