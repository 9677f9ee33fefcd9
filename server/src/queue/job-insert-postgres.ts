import type { Knex } from 'knex';

/**
 * PostgreSQL: many rows inserted as one array per column (`INSERT … SELECT * FROM unnest(…)`),
 * skipping rows whose `conflictColumn` value is taken. A multi-row `VALUES` sends one bind
 * parameter per cell (15 per job: 3 750 for 250 jobs, and PostgreSQL stops at 65 535) that knex
 * compiles and PostgreSQL parses one by one; the arrays are 15 parameters whatever the row count.
 * Each element goes through the driver's own serialization (dates as it writes any date), and is
 * cast to its column's type, read once from the catalog: the rows written are the same.
 */
export const createPostgresArrayInsert = (knex: () => Knex, tableName: string) => {
  let columnTypes: Promise<Map<string, string>> | undefined;
  const typesOf = () =>
    (columnTypes ??= knex()
      .raw('SELECT a.attname AS name, t.typname AS type FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped', [tableName])
      .then((result: { rows: Array<{ name: string; type: string }> }) => new Map(result.rows.map((row) => [row.name, row.type])))
      .catch((error: unknown) => {
        // Asked again next time rather than remembered as a failure.
        columnTypes = undefined;
        throw error;
      }));

  /** Inserts one row per array index (`columns`: each column's values, all of one length); resolves with how many were inserted. */
  return async (columns: Array<[name: string, values: unknown[]]>, conflictColumn: string): Promise<number> => {
    if (columns.length === 0 || columns[0][1].length === 0) return 0;
    const types = await typesOf();
    const bindings: unknown[] = [tableName, ...columns.map(([name]) => name)];
    for (const [name, values] of columns) {
      const type = types.get(name);
      if (!type) throw new Error(`${tableName} has no column ${name}`);
      bindings.push(values, type);
    }
    bindings.push(conflictColumn);
    const list = (text: string) => columns.map(() => text).join(', ');
    const sql = `INSERT INTO ?? (${list('??')}) SELECT * FROM unnest(${list('?::??[]')}) ON CONFLICT (??) DO NOTHING`;
    const result = (await knex().raw(sql, bindings as Knex.RawBinding[])) as { rowCount: number | null };
    return result.rowCount ?? 0;
  };
};
