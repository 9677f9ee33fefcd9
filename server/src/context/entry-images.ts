import type { Knex } from 'knex';
import type { Use } from './climb';
import { componentsUnder } from './descend';
import type { EntryRow, EntryShape } from './entry-rows';
import { hashCandidates, type FileKeys } from './file-match';
import { relatedRows } from './related';
import { imageNamesFile, imagesOf, richTextBlocks, type RichTextType } from './rich-text';
import type { SchemaMap } from './schema-map';

/**
 * The images one entry row shows: its media fields and those of its components (through
 * `related`: one statement after the component levels) and the images inside its rich text
 * (Blocks and Markdown store a copy of the file, not a link: found by hash or URL in the files
 * table, one more statement when there are any). Each file once, with every place it sits.
 */
export interface EntryImage {
  file: FileKeys;
  uses: Use[];
}

/** Many more than any real entry; a body pasted with thousands of images is read up to here. */
const MAX_IMAGES = 500;

const filesNamedIn = async (knex: Knex, schema: SchemaMap, shape: EntryShape, row: EntryRow): Promise<FileKeys[]> => {
  const images = shape.attributes.flatMap((name) => {
    const type = shape.model.attributes.get(name)?.type;
    return type === 'blocks' || type === 'richtext' ? imagesOf(richTextBlocks(type as RichTextType, row.values[name])) : [];
  });
  const hashes = [...new Set(images.flatMap((image) => (image.hash ? [image.hash] : image.url ? hashCandidates(image.url) : [])))].slice(0, MAX_IMAGES);
  const urls = [...new Set(images.flatMap((image) => (image.url ? [image.url] : [])))].slice(0, MAX_IMAGES);
  if (hashes.length === 0 && urls.length === 0) return [];
  const f = schema.media.files;
  const found = (await knex(f.table)
    .select({ id: f.id, hash: f.hash, ext: f.ext, url: f.url })
    .whereIn(f.hash, hashes)
    .orWhereIn(f.url, urls)) as Array<Record<string, unknown>>;
  const files = found.map((file) => ({ id: Number(file.id), hash: file.hash as string | null, ext: file.ext as string | null, url: file.url as string | null }));
  // A hash candidate may name another file by chance (`small_x` is also a file's own hash): keep only files an image really names.
  return files.filter((file) => images.some((image) => imageNamesFile(image, file)));
};

export const imagesOfEntry = async (knex: Knex, schema: SchemaMap, shape: EntryShape, row: EntryRow): Promise<EntryImage[]> => {
  const components = await componentsUnder(knex, schema, { model: shape.model, id: row.id });
  const byType = new Map<string, number[]>([[shape.model.uid, [row.id]]]);
  const pathOf = new Map<string, string>();
  for (const place of components) {
    if (!schema.holders.some((holder) => holder.uid === place.uid)) continue;
    byType.set(place.uid, [...(byType.get(place.uid) ?? []), place.id]);
    pathOf.set(`${place.uid}#${place.id}`, place.path);
  }
  const related = await relatedRows(knex, schema, { holders: [...byType].map(([uid, ids]) => ({ uid, ids })) }, MAX_IMAGES);
  const images = new Map<number, EntryImage>();
  for (const link of related) {
    const prefix = link.relatedType === shape.model.uid ? '' : pathOf.get(`${link.relatedType}#${link.relatedId}`);
    if (prefix === undefined) continue;
    const use: Use = { uid: shape.model.uid, id: row.id, path: prefix ? `${prefix}.${link.field}` : link.field, fileId: link.fileId, holder: link.holder };
    const image = images.get(link.fileId) ?? { file: link.file, uses: [] };
    image.uses.push(use);
    images.set(link.fileId, image);
  }
  for (const file of await filesNamedIn(knex, schema, shape, row)) if (!images.has(file.id)) images.set(file.id, { file, uses: [] });
  return [...images.values()];
};
