import type { EntryHead } from './entry-rows';

/**
 * Which entries an image's context names, and in what order. Pure, so the rules are tested
 * without a database:
 * - one entry per document and locale: a draft and its published version are the same entry. The
 *   draft is kept when it holds the image: it is what the editor is writing, it exists for every
 *   document of a draft-and-publish type, and a change to it is what the context describes next;
 *   the published row stands in only when the draft no longer holds the image.
 * - most recently updated first, so the entry being written around a fresh upload makes the cut;
 *   ties by uid, documentId and locale, compared by code unit (no collation: the same order on
 *   every machine and database).
 */
export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const entryKey = (head: Pick<EntryHead, 'uid' | 'documentId' | 'locale'>): string => `${head.uid}\u0000${head.documentId}\u0000${head.locale ?? ''}`;

export const compareEntries = (a: EntryHead, b: EntryHead): number =>
  b.updatedAt - a.updatedAt || byCodeUnit(a.uid, b.uid) || byCodeUnit(a.documentId, b.documentId) || byCodeUnit(a.locale ?? '', b.locale ?? '');

export const oneRowPerEntry = <T extends EntryHead>(rows: readonly T[]): T[] => {
  const chosen = new Map<string, T>();
  for (const row of rows) {
    const key = entryKey(row);
    const held = chosen.get(key);
    // Draft over published; between two rows of the same kind (data Strapi should not leave), the lower id.
    if (!held || (row.draft && !held.draft) || (row.draft === held.draft && row.id < held.id)) chosen.set(key, row);
  }
  return [...chosen.values()];
};

export const chooseEntries = <T extends EntryHead>(rows: readonly T[], maxEntries: number): { kept: T[]; more: number } => {
  const entries = oneRowPerEntry(rows).sort(compareEntries);
  return { kept: entries.slice(0, maxEntries), more: Math.max(0, entries.length - maxEntries) };
};

/**
 * Where in one entry an image sits, in the edit view's order: top-level fields in schema order,
 * then item indexes numerically (`sections.10` after `sections.2`), then names.
 */
export const comparePaths = (fieldOrder: readonly string[]) => (a: string, b: string): number => {
  const rank = (path: string) => {
    const index = fieldOrder.indexOf(path.split('.', 1)[0]);
    return index < 0 ? fieldOrder.length : index;
  };
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    if (left[i] === right[i]) continue;
    const numeric = /^\d+$/.test(left[i]) && /^\d+$/.test(right[i]);
    return numeric ? Number(left[i]) - Number(right[i]) : byCodeUnit(left[i], right[i]);
  }
  return left.length - right.length;
};
