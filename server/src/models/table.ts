import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * A model's table and its columns by attribute name, for the few statements Strapi's query layer
 * cannot express (upserts, inserts that skip conflicts, joins): `row()` turns attributes into columns.
 */
export const tableOf = (strapi: Core.Strapi, uid: string) => {
  const meta = strapi.db.metadata.get(uid);
  const column = (attribute: string): string => (meta.attributes as Record<string, { columnName?: string }>)[attribute]?.columnName ?? attribute;
  return {
    name: meta.tableName,
    column,
    row: (values: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(values).map(([key, value]) => [column(key), value])),
  };
};

/**
 * Raw knex for a statement the query layer cannot express, joined to the transaction the caller is
 * in. Strapi's query layer joins `strapi.db.transaction` by itself (AsyncLocalStorage); raw knex
 * does not, and on SQLite (one connection) a raw statement outside the open transaction would wait
 * for it forever. A nested `strapi.db.transaction` hands back the open one without BEGIN or COMMIT.
 */
export const knexNow = async (strapi: Core.Strapi): Promise<Knex> =>
  strapi.db.inTransaction() ? strapi.db.transaction(async ({ trx }) => trx as unknown as Knex) : strapi.db.connection;
