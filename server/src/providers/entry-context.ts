import type { EntryContext } from './types';

/**
 * What the adapters share in passing entry context on: text from entries is data written by
 * editors (or, on a site with public submissions, by anyone), so it is flattened and bounded
 * before it goes anywhere, whatever the plugin already did.
 */

/** Control characters become spaces (they include newlines); format characters (zero-width, bidi overrides) go. */
const CONTROL = /\p{Cc}|[\u2028\u2029]/gu;
const FORMAT = /\p{Cf}/gu;

/** One plain line of at most `max` characters, cut between code points so no half emoji is left. */
export const flatten = (value: string | null | undefined, max: number): string => {
  const line = (value ?? '').replace(FORMAT, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  const points = Array.from(line);
  return points.length <= max ? line : points.slice(0, max).join('').trimEnd();
};

/** Case-insensitive, first spelling kept: "Trail" and "trail" are one keyword. */
export const dedupe = (values: Iterable<string>): string[] => {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const value of values) {
    const folded = value.toLocaleLowerCase();
    if (value === '' || seen.has(folded)) continue;
    seen.add(folded);
    kept.push(value);
  }
  return kept;
};

/** The longest keyword kept: the config schema's own limit for `keywords`. */
export const KEYWORD_CHARS = 100;

/** Every entry's SEO keywords in entry order, flattened and deduplicated. */
export const seoKeywordsOf = (entries: readonly EntryContext[]): string[] =>
  dedupe(entries.flatMap((entry) => entry.seo?.keywords ?? []).map((keyword) => flatten(keyword, KEYWORD_CHARS)));

/**
 * Words that carry no subject in the languages Strapi sites use most. A title's other words are
 * hints; these would only spend a keyword slot.
 */
const STOPWORDS = new Set(
  [
    'the and for with from into onto our your their this that these those how why what when where who are was were its not but all',
    'der die das und mit für von den dem des ein eine einer eines zum zur auf aus bei wie was ist sind im am',
    'les des une pour avec dans sur par aux est qui que comment nos vos',
    'los las del con para por una uno sus como que',
    'gli della delle degli con per una uno nel sul come che',
    'dos das com para por uma nos nas como que',
    'het een van voor met zijn hoe wat',
  ]
    .join(' ')
    .split(' ')
);
/** One- and two-letter words of alphabetic scripts say little; a single Han or kana word may be the subject. */
const SHORT_ALPHABETIC = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]{1,2}$/u;

const segmenterFor = (locale: string | null): Intl.Segmenter => {
  try {
    return new Intl.Segmenter(locale ?? undefined, { granularity: 'word' });
  } catch {
    return new Intl.Segmenter(undefined, { granularity: 'word' }); // a locale Intl does not know
  }
};

/** The words of `text`, split the way its language splits words (Intl.Segmenter handles CJK, which has no spaces). */
export const wordsOf = (text: string, locale: string | null = null): string[] =>
  [...segmenterFor(locale).segment(text)].filter((part) => part.isWordLike).map((part) => part.segment);

/** A title's significant terms: its words without stopwords, numbers and one- or two-letter words. */
export const titleTerms = (title: string | null, locale: string | null): string[] =>
  dedupe(
    wordsOf(flatten(title, 200), locale).filter(
      (word) => !/^\p{N}+$/u.test(word) && !SHORT_ALPHABETIC.test(word) && !STOPWORDS.has(word.toLocaleLowerCase())
    )
  );
