import type { EntryContext } from '../providers/types';

/** Runs of whitespace (line breaks included) as one space: context is read as prose, not layout. */
export const squish = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A stored value as prose, or null: strings and numbers only (JSON, objects and dates are not text). */
export const textValue = (value: unknown): string | null => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const text = squish(value);
  return text === '' ? null : text;
};

const ELLIPSIS = '…';

/**
 * At most `max` characters, cut at the last whitespace that fits and marked with an ellipsis (a
 * provider should know the sentence goes on). A first word longer than `max` leaves nothing: half a
 * word would mislead more than it tells.
 */
export const cutAtWord = (text: string, max: number): string => {
  if (text.length <= max) return text;
  if (max < 2) return '';
  const room = text.slice(0, max); // the ellipsis takes the last character
  const boundary = room.search(/\s\S*$/);
  if (boundary <= 0) return '';
  return `${room.slice(0, boundary).trimEnd()}${ELLIPSIS}`;
};

const SEO_FIELDS = ['metaTitle', 'metaDescription'] as const;

/**
 * What counts against `maxChars`: every text a provider may put in its prompt (the type's name, the
 * title, the nearby text, the link, the SEO texts and keywords, the product facts). The uid,
 * documentId, locale and field are identifiers, not prose, and are not counted.
 */
export const contextChars = (entry: EntryContext): number => {
  const texts = [
    entry.typeName,
    entry.title,
    entry.nearbyText,
    entry.link,
    ...(entry.seo ? [...SEO_FIELDS.map((key) => entry.seo?.[key] ?? null), ...entry.seo.keywords] : []),
    ...Object.values(entry.ecommerce ?? {}),
  ];
  return texts.reduce((sum, text) => sum + (text?.length ?? 0), 0);
};

/**
 * One entry within `budget` characters. Short facts come first (type, title, link, product facts,
 * SEO title, keywords), then the nearby text, then the SEO description: the long texts take what
 * is left. A link or a keyword is kept whole or dropped, never cut.
 */
export const fitEntry = (entry: EntryContext, budget: number): EntryContext => {
  let left = budget;
  const take = (text: string | null | undefined, whole = false): string | null => {
    if (!text) return null;
    const kept = whole ? (text.length <= left ? text : '') : cutAtWord(text, left);
    left -= kept.length;
    return kept === '' ? null : kept;
  };
  const typeName = take(entry.typeName) ?? '';
  const title = take(entry.title);
  const link = take(entry.link, true);
  const ecommerce = entry.ecommerce ? Object.fromEntries(Object.entries(entry.ecommerce).flatMap(([key, value]) => {
    const kept = take(value);
    return kept === null ? [] : [[key, kept]];
  })) : null;
  const metaTitle = take(entry.seo?.metaTitle);
  const keywords = (entry.seo?.keywords ?? []).flatMap((keyword) => take(keyword, true) ?? []);
  const nearbyText = take(entry.nearbyText);
  const metaDescription = take(entry.seo?.metaDescription);
  return {
    ...entry,
    typeName,
    title,
    link,
    nearbyText,
    ecommerce: ecommerce && Object.keys(ecommerce).length > 0 ? ecommerce : null,
    seo: entry.seo ? { metaTitle, metaDescription, keywords } : null,
  };
};

/**
 * All entries of one image within `maxChars`: each gets an equal share of what is left, and what
 * an entry does not use passes on to the next, so a short first entry leaves room for a longer one.
 */
export const fitEntries = (entries: EntryContext[], maxChars: number): EntryContext[] => {
  let left = maxChars;
  return entries.map((entry, index) => {
    const fitted = fitEntry(entry, Math.floor(left / (entries.length - index)));
    left -= contextChars(fitted);
    return fitted;
  });
};
