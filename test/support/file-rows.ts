import type { Knex } from 'knex';

/**
 * Image rows inserted straight into Strapi's files table, as an import or a migration would: no
 * upload, no lifecycle, so no job. Names are `${prefix}-${i}.png`; `altText` for all of them.
 */
export const insertImageRows = async (knex: Knex, count: number, prefix: string, altText: string | null = null): Promise<void> => {
  const now = new Date();
  const rows = Array.from({ length: count }, (_, i) => ({
    document_id: `${prefix}${i}`.padEnd(24, 'x').slice(0, 24),
    name: `${prefix}-${i}.png`,
    alternative_text: altText,
    mime: 'image/png',
    width: 800,
    height: 600,
    size: 120.5,
    hash: `${prefix}_${i}`,
    ext: '.png',
    url: `/uploads/${prefix}_${i}.png`,
    provider: 'local',
    folder_path: '/',
    created_at: now,
    updated_at: now,
  }));
  // 400 rows of 14 columns: under SQLite's 500 compound terms and every database's placeholder limit.
  await knex.batchInsert('files', rows, 400);
};
