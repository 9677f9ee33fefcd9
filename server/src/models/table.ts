import type { Core } from '@strapi/strapi';

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
