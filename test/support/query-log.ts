import type { Core } from '@strapi/strapi';

/** The plugin's own tables: its queue worker polls them on its own clock, whatever a test measures. */
const PLUGIN_TABLES = /auto_alt_text_/;
/** …and its own core-store keys (the queue's pause state, the saved settings), read on the same clock. */
const isPluginStoreKey = (binding: unknown) => typeof binding === 'string' && binding.startsWith('plugin_auto-alt-text');

/**
 * Every SQL statement Strapi's knex sends while `work` runs (knex's `query` event, fired once per
 * statement on SQLite, PostgreSQL and MySQL alike), without the plugin queue's own polling (its
 * tables and its core-store keys).
 */
export async function recordQueries<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const knex = strapi.db.connection;
  const listener = (query: { sql?: string; bindings?: unknown[] }) => {
    if (query.sql && !PLUGIN_TABLES.test(query.sql) && !(query.bindings ?? []).some(isPluginStoreKey)) statements.push(query.sql);
  };
  knex.on('query', listener);
  try {
    return { result: await work(), statements };
  } finally {
    knex.removeListener('query', listener);
  }
}
