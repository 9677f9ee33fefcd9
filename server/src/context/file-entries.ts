import type { Knex } from 'knex';
import { climbToEntries, type Use } from './climb';
import { chooseEntries } from './choose';
import { readEntries, readHeads, type EntryRow, type EntryShape } from './entry-rows';
import type { FileKeys } from './file-match';
import { relatedRows } from './related';
import type { Model, SchemaMap } from './schema-map';

/**
 * The entries that use one file, chosen and read: `related` rows (one statement), climbed through
 * component tables (one per nesting level), then the entry rows. When no more rows hold the file
 * than could all be kept (a draft and a published row per kept entry), they are read whole at once
 * (one statement per type); otherwise a UNION of their ids and dates picks the entries first and
 * only the kept ones are read whole: an image on every page of a site costs one statement more, not
 * a read of every page's body.
 */
export interface FileEntries {
  file: FileKeys | null;
  entries: Array<{ row: EntryRow; uses: Use[] }>;
  more: number;
}

/** A file linked from more rows than this (a logo on every page) is judged on its newest links; `more` is then a lower bound. */
export const MAX_RELATED_ROWS = 1000;

export interface FileEntriesDeps {
  knex: Knex;
  schema: SchemaMap;
  maxEntries: number;
  /** How to read a model's entries (its title field and product facts depend on the configuration). */
  shapeOf(model: Model): EntryShape;
}

const groupIds = (schema: SchemaMap, uses: ReadonlyArray<{ uid: string; id: number }>) => {
  const ids = new Map<string, Set<number>>();
  for (const use of uses) ids.set(use.uid, (ids.get(use.uid) ?? new Set()).add(use.id));
  return [...ids].flatMap(([uid, set]) => {
    const model = schema.model(uid);
    return model ? [{ model, ids: [...set] }] : [];
  });
};

const readWhole = async (deps: FileEntriesDeps, wanted: ReturnType<typeof groupIds>): Promise<EntryRow[]> =>
  (await Promise.all(wanted.map(({ model, ids }) => readEntries(deps.knex, deps.shapeOf(model), { ids })))).flat();

export const entriesOfFile = async (deps: FileEntriesDeps, fileId: number): Promise<FileEntries> => {
  const related = await relatedRows(deps.knex, deps.schema, { fileId }, MAX_RELATED_ROWS);
  if (related.length === 0) return { file: null, entries: [], more: 0 };
  const placements = related.map((row) => ({ uid: row.relatedType, id: row.relatedId, path: row.field, fileId: row.fileId, holder: row.holder }));
  const uses = await climbToEntries(deps.knex, deps.schema, placements);
  const wanted = groupIds(deps.schema, uses);
  const rowCount = wanted.reduce((sum, { ids }) => sum + ids.length, 0);

  let chosen: { kept: EntryRow[]; more: number };
  if (rowCount <= 2 * deps.maxEntries) chosen = chooseEntries(await readWhole(deps, wanted), deps.maxEntries);
  else {
    const heads = chooseEntries(await readHeads(deps.knex, wanted), deps.maxEntries);
    const keptIds = groupIds(deps.schema, heads.kept);
    const rows = await readWhole(deps, keptIds);
    // Read whole in the order the heads were chosen in; a row deleted in between is simply gone.
    const byKey = new Map(rows.map((row) => [`${row.uid}#${row.id}`, row]));
    chosen = { kept: heads.kept.flatMap((head) => byKey.get(`${head.uid}#${head.id}`) ?? []), more: heads.more };
  }
  return {
    file: related[0].file,
    entries: chosen.kept.map((row) => ({ row, uses: uses.filter((use) => use.uid === row.uid && use.id === row.id) })),
    more: chosen.more,
  };
};
