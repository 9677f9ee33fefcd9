import type { Core } from '@strapi/strapi';
import { DECORATIVE_UID, tableOf } from '../models';
import { missingAltTextSql, type AltTextColumns, type Sql, type SqlDialect } from './missing-sql';

/**
 * "This file has a decorative row" (marked, or any status when `status` is null) as one SQL
 * condition: a correlated EXISTS on the unique file id, which every database answers from the index.
 */
export const decorativeSql = (strapi: Core.Strapi, fileIdColumn: string, status: 'marked' | null = 'marked'): Sql => {
  const table = tableOf(strapi, DECORATIVE_UID);
  const statusSql = status ? ` AND ${table.name}.${table.column('status')} = ?` : '';
  return {
    sql: `EXISTS (SELECT 1 FROM ${table.name} WHERE ${table.name}.${table.column('fileId')} = ??${statusSql})`,
    bindings: status ? [fileIdColumn, status] : [fileIdColumn],
  };
};

/**
 * What "missing" means everywhere the plugin counts or picks images (`isAltTextMissing` and not
 * marked decorative, the code's `LocaleState.source === 'missing'`): a decorative image's '' is
 * its alt text, so it is covered in every locale.
 */
export const uncoveredSql = (strapi: Core.Strapi, dialect: SqlDialect, columns: AltTextColumns & { fileId: string }): Sql => {
  const missing = missingAltTextSql(dialect, columns);
  const marked = decorativeSql(strapi, columns.fileId);
  return { sql: `(${missing.sql} AND NOT ${marked.sql})`, bindings: [...missing.bindings, ...marked.bindings] };
};
