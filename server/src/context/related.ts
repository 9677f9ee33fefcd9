import type { Knex } from 'knex';
import type { FileKeys } from './file-match';
import { holderColumns, holderText, type HolderText } from './holder';
import type { SchemaMap } from './schema-map';

/**
 * Rows of the upload plugin's `related` morph table: which row of which model holds a file in
 * which media field. Each row comes with the file's keys (to find it again in rich text) and, when
 * the holder is a component, that component's short texts, LEFT JOINed per component type that
 * has a media field so that one statement answers (the types seen are not known before it runs).
 */
export interface RelatedRow {
  fileId: number;
  relatedType: string;
  relatedId: number;
  /** The media field of the holder: `cover`, `image`. */
  field: string;
  file: FileKeys;
  /** Set when the holder is a component with short texts of its own. */
  holder: HolderText | null;
}

export type RelatedFilter = { fileId: number } | { holders: ReadonlyArray<{ uid: string; ids: readonly number[] }> };

/** MySQL joins at most 61 tables; more holder types than this take one more statement per chunk. */
const JOINS_PER_STATEMENT = 40;

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  items.length === 0 ? [[]] : Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

type Row = Record<string, unknown>;

const toNumber = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
const toText = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const relatedRows = async (knex: Knex, schema: SchemaMap, filter: RelatedFilter, limit: number): Promise<RelatedRow[]> => {
  if ('holders' in filter && filter.holders.every((holder) => holder.ids.length === 0)) return [];
  const { related: r, files: f } = schema.media;
  const holders = schema.holders.map((model) => ({ model, columns: holderColumns(model) })).filter((holder) => holder.columns.length > 0);
  const byId = new Map<number, RelatedRow>();
  for (const chunk of chunks(holders, JOINS_PER_STATEMENT)) {
    const query = knex({ r: r.table })
      .join({ f: f.table }, `f.${f.id}`, `r.${r.file}`)
      .select({
        rowId: 'r.id',
        fileId: `r.${r.file}`,
        relatedType: `r.${r.type}`,
        relatedId: `r.${r.id}`,
        field: `r.${r.field}`,
        hash: `f.${f.hash}`,
        ext: `f.${f.ext}`,
        url: `f.${f.url}`,
      })
      .orderBy('r.id', 'desc')
      .limit(limit);
    chunk.forEach(({ model, columns }, k) => {
      query.leftJoin({ [`h${k}`]: model.table }, (on) => on.on(`h${k}.id`, '=', `r.${r.id}`).andOnVal(`r.${r.type}`, '=', model.uid));
      columns.forEach(([, column], i) => query.select({ [`h${k}_${i}`]: `h${k}.${column}` }));
    });
    if ('fileId' in filter) query.where(`r.${r.file}`, filter.fileId);
    else {
      query.where((where) => {
        for (const { uid, ids } of filter.holders) if (ids.length > 0) where.orWhere((one) => one.where(`r.${r.type}`, uid).whereIn(`r.${r.id}`, [...ids]));
      });
    }
    for (const row of (await query) as Row[]) {
      const id = toNumber(row.rowId);
      const entry = byId.get(id) ?? {
        fileId: toNumber(row.fileId),
        relatedType: String(row.relatedType),
        relatedId: toNumber(row.relatedId),
        field: String(row.field ?? ''),
        file: { id: toNumber(row.fileId), hash: toText(row.hash), ext: toText(row.ext), url: toText(row.url) },
        holder: null,
      };
      const k = chunk.findIndex(({ model }) => model.uid === entry.relatedType);
      if (k >= 0) entry.holder = holderText(chunk[k].columns.map(([name], i) => [name, row[`h${k}_${i}`]]));
      byId.set(id, entry);
    }
  }
  return [...byId.values()];
};
