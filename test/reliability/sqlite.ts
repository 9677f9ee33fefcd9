/**
 * Reads a Strapi SQLite database from outside the app (the parent of a killed child process).
 * better-sqlite3 is Strapi's own SQLite driver; it ships no types, hence the small interface.
 */
interface Statement {
  get(...params: unknown[]): Record<string, unknown> | undefined;
  all(...params: unknown[]): Array<Record<string, unknown>>;
}
interface SqliteDatabase {
  prepare(sql: string): Statement;
  close(): void;
}
const Database = require('better-sqlite3') as new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => SqliteDatabase;

export const withDatabase = <T>(file: string, read: (db: SqliteDatabase) => T): T => {
  const db = new Database(file, { fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
};
