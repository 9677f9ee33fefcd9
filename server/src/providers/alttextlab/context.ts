import { dedupe, flatten, KEYWORD_CHARS, seoKeywordsOf, titleTerms, wordsOf } from '../entry-context';
import type { EntryContext } from '../types';

/**
 * At most this many keywords go to AltTextLab, unless the configured list alone is longer (it is
 * then sent whole, as before, and nothing is added). AltTextLab documents no limit; alttext.ai,
 * the one alt-text API that does, caps `keywords` at 6. A good alt text is one or two short
 * sentences: more hints than that cannot all appear, and pushing them pushes the model into
 * keyword stuffing, which makes alt text worse for the people who hear it.
 */
export const MAX_KEYWORDS = 6;

/** AltTextLab's `ecommerce` object: the four fields its API documents. */
export type Ecommerce = Partial<Record<'product' | 'brand' | 'color' | 'material', string>>;
const ECOMMERCE_FIELDS = ['product', 'brand', 'color', 'material'] as const;

/**
 * The `keywords` to send: the configured ones first (the site's own choice), then entry by entry
 * (the plugin orders them, most relevant first) its SEO keywords and its title's significant
 * terms. A title word already inside a chosen keyword ("trail" after "Blue Ridge trail") would
 * only spend a slot, so it is left out.
 */
export const keywordsFor = (configured: readonly string[], entries: readonly EntryContext[]): string[] => {
  const chosen = dedupe(configured.map((keyword) => flatten(keyword, KEYWORD_CHARS)));
  const folded = new Set(chosen.map((keyword) => keyword.toLocaleLowerCase()));
  const covered = new Set(chosen.flatMap((keyword) => wordsOf(keyword)).map((word) => word.toLocaleLowerCase()));
  const add = (keyword: string, isTitleTerm: boolean) => {
    const key = keyword.toLocaleLowerCase();
    if (chosen.length >= MAX_KEYWORDS || folded.has(key) || (isTitleTerm && covered.has(key))) return;
    chosen.push(keyword);
    folded.add(key);
    for (const word of wordsOf(keyword)) covered.add(word.toLocaleLowerCase());
  };
  for (const entry of entries) {
    for (const keyword of seoKeywordsOf([entry])) add(keyword, false);
    for (const term of titleTerms(entry.title, entry.locale)) add(term, true);
  }
  return chosen;
};

/** The first entry's product facts that has any, with only the fields that have a value; undefined when none has. */
export const ecommerceFor = (entries: readonly EntryContext[]): Ecommerce | undefined => {
  for (const entry of entries) {
    const facts: Ecommerce = {};
    for (const field of ECOMMERCE_FIELDS) {
      const value = flatten(entry.ecommerce?.[field], KEYWORD_CHARS);
      if (value) facts[field] = value;
    }
    if (Object.keys(facts).length > 0) return facts;
  }
  return undefined;
};
