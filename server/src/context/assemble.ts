import type { EntryContextConfig } from '../config/schema';
import type { EntryContext } from '../providers/types';
import type { Use } from './climb';
import type { EntryRow, EntryShape } from './entry-rows';
import type { FileKeys } from './file-match';
import { aroundFile, richTextBlocks, type RichTextType } from './rich-text';
import { textValue } from './text';

/**
 * One entry's context for one image, from rows already read: no query here. The nearby text is
 * the holding component's short texts (a caption), then, for each rich text field that shows the
 * image too, its heading and neighbouring paragraphs. The link is the component's, else the one
 * around the image in Markdown.
 */
export type EcommerceMapping = EntryContextConfig['ecommerce'][string];

export interface AssembleInput {
  shape: EntryShape;
  row: EntryRow;
  /** Where this entry row holds the image, in the edit view's order; empty when only rich text shows it. */
  uses: readonly Use[];
  file: FileKeys;
  titleField: string | null;
  ecommerce: EcommerceMapping | undefined;
}

/** `"hiking, trail; boots"` or a JSON list: what SEO plugins and starters store. */
export const keywordsOf = (value: unknown): string[] => {
  let list: unknown[] = [];
  if (Array.isArray(value)) list = value;
  else if (typeof value === 'string') list = value.split(/[,;\n]/);
  const words = list.map(textValue).filter((word): word is string => word !== null);
  return [...new Set(words)];
};

const seoOf = (row: EntryRow): EntryContext['seo'] => {
  if (!row.seo) return null;
  const seo = { metaTitle: textValue(row.seo.metaTitle), metaDescription: textValue(row.seo.metaDescription), keywords: keywordsOf(row.seo.keywords) };
  return seo.metaTitle || seo.metaDescription || seo.keywords.length > 0 ? seo : null;
};

const ecommerceOf = (row: EntryRow, mapping: EcommerceMapping | undefined): EntryContext['ecommerce'] => {
  if (!mapping) return null;
  const facts = Object.entries(mapping).flatMap(([key, field]) => {
    const text = field ? textValue(row.values[field]) : null;
    return text ? [[key, text]] : [];
  });
  return facts.length > 0 ? Object.fromEntries(facts) : null;
};

export const assembleContext = ({ shape, row, uses, file, titleField, ecommerce }: AssembleInput): EntryContext => {
  const pieces = uses.flatMap((use) => use.holder?.texts ?? []);
  let link = uses.map((use) => use.holder?.link).find((value) => !!value) ?? null;
  let richTextField: string | null = null;
  for (const name of shape.attributes) {
    const type = shape.model.attributes.get(name)?.type;
    if (type !== 'blocks' && type !== 'richtext') continue;
    const around = aroundFile(richTextBlocks(type as RichTextType, row.values[name]), file);
    if (!around) continue;
    pieces.push(...around.pieces);
    link ??= around.link;
    richTextField ??= name;
  }
  const nearby = [...new Set(pieces)].join('\n');
  return {
    uid: shape.model.uid,
    documentId: row.documentId,
    locale: row.locale,
    typeName: shape.model.displayName,
    title: titleField ? textValue(row.values[titleField]) : null,
    nearbyText: nearby === '' ? null : nearby,
    link,
    seo: seoOf(row),
    ecommerce: ecommerceOf(row, ecommerce),
    field: uses[0]?.path ?? richTextField ?? '',
  };
};
