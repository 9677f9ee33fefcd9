import type { Core } from '@strapi/strapi';

/** The plugin's own tables: its queue worker polls them on its own clock, whatever a test measures. */
const PLUGIN_TABLES = /auto_alt_text_/;

/**
 * Every SQL statement Strapi's knex sends while `work` runs (knex's `query` event, fired once per
 * statement on SQLite, PostgreSQL and MySQL alike), without the plugin queue's own polling.
 */
export async function recordQueries<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const knex = strapi.db.connection;
  const listener = (query: { sql?: string }) => {
    if (query.sql && !PLUGIN_TABLES.test(query.sql)) statements.push(query.sql);
  };
  knex.on('query', listener);
  try {
    return { result: await work(), statements };
  } finally {
    knex.removeListener('query', listener);
  }
}
