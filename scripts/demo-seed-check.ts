/**
 * The smoke run's look at what the playground seeded (playground/src/demo-seed): the blog posts in
 * every locale, read as a front end reads them, and — when the seed described its pictures — each
 * picture's text in each locale, written from that locale's post (its SEO keywords came first in
 * the call the emulator recorded, and show in the text the emulator wrote).
 */
import type { Emulator } from '../emulator/server';

interface SeedPost {
  key: string;
  cover: string;
  gallery: string[];
  locales: Record<string, { title: string; slug: string; seo: { keywords: string } }>;
}
// Plain JavaScript, as the playground is; the shape above is what this check reads of it.
const { POSTS } = require('../playground/src/demo-seed/posts') as { POSTS: SeedPost[] };

export const SEED_LOCALES = ['en', 'fr', 'de'] as const;

interface Media {
  id: number;
  name: string;
  alternativeText: string | null;
}
interface PostRow {
  slug: string;
  title: string;
  cover: Media | null;
  gallery: Media[] | null;
}

const keywordsOf = (text: string) => text.split(',').map((word) => word.trim());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The posts of one locale through the REST API, as a reader in that locale gets them (texts served in that locale). */
const postsIn = async (url: string, token: string, locale: string): Promise<PostRow[]> => {
  const response = await fetch(`${url}/api/blog-posts?locale=${locale}&populate[0]=cover&populate[1]=gallery&sort=slug`, { headers: { Authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`GET /api/blog-posts?locale=${locale} answered HTTP ${response.status}`);
  return ((await response.json()) as { data: PostRow[] }).data;
};

const picturesOf = (row: PostRow): Media[] => [...(row.cover ? [row.cover] : []), ...(row.gallery ?? [])];

/** Each seeded post's rows in every locale: throws when one is missing or has lost its pictures. */
const readSeed = async (url: string, token: string) => {
  const byLocale = new Map<string, Map<string, PostRow>>();
  for (const locale of SEED_LOCALES) {
    const rows = await postsIn(url, token, locale);
    const bySlug = new Map(rows.map((row) => [row.slug, row]));
    for (const post of POSTS) {
      const row = bySlug.get(post.locales[locale].slug);
      if (!row) throw new Error(`the seeded post "${post.key}" has no ${locale} entry`);
      if (picturesOf(row).length !== 1 + post.gallery.length) throw new Error(`the ${locale} entry of "${post.key}" shows ${picturesOf(row).length} pictures, not ${1 + post.gallery.length}`);
    }
    byLocale.set(locale, bySlug);
  }
  return (post: SeedPost, locale: string) => byLocale.get(locale)?.get(post.locales[locale].slug) as PostRow;
};

/** Whether `text` was written from `keywords` (the emulator appends what it was given: `; keywords: a, b, c, …`). */
const writtenFrom = (text: string | null, keywords: string[]) => !!text && text.includes(`keywords: ${keywords.join(', ')}`);

/**
 * Returns the lines the smoke run prints. `described`: the seed started its run (the emulator, a
 * key in the environment); otherwise its pictures must still be waiting for one.
 */
export async function checkSeed(url: string, token: string, options: { described: boolean; emulator?: Emulator; timeoutMs?: number }): Promise<string[]> {
  let rowOf = await readSeed(url, token);
  const pictures = new Set(POSTS.flatMap((post) => [post.cover, ...post.gallery]));
  const lines = [`seeded ${POSTS.length} blog posts, each in ${SEED_LOCALES.join(', ')}, with ${pictures.size} pictures`];
  if (!options.described) {
    const texts = POSTS.flatMap((post) => picturesOf(rowOf(post, 'en')).map((media) => media.alternativeText));
    if (texts.some((text) => text)) throw new Error('a seeded picture was described although the seed was told not to');
    return [...lines, 'the seeded pictures wait for a Missing alt text run (no alt text yet)'];
  }

  // Every picture, in every locale, written from the post of that locale.
  const deadline = Date.now() + (options.timeoutMs ?? 60000);
  const pending = () =>
    POSTS.flatMap((post) =>
      SEED_LOCALES.flatMap((locale) => picturesOf(rowOf(post, locale)).filter((media) => !writtenFrom(media.alternativeText, keywordsOf(post.locales[locale].seo.keywords))).map((media) => `${media.name} (${locale})`))
    );
  for (let left = pending(); left.length > 0; left = pending()) {
    if (Date.now() > deadline) throw new Error(`not written from their post's context within the time: ${left.join(', ')}`);
    await sleep(500);
    rowOf = await readSeed(url, token);
  }
  const [first] = POSTS;
  lines.push(`a French reader of "${first.locales.fr.title}" gets its cover's alt text "${rowOf(first, 'fr').cover?.alternativeText}"`);

  if (options.emulator) {
    // What reached the provider: one call per picture and locale, that locale's SEO keywords first.
    const calls = options.emulator.requests.filter((request) => (request.keywords ?? []).length > 0);
    const expected = POSTS.flatMap((post) => SEED_LOCALES.map((locale) => ({ lang: locale, keywords: keywordsOf(post.locales[locale].seo.keywords), times: 1 + post.gallery.length })));
    for (const { lang, keywords, times } of expected) {
      const matching = calls.filter((call) => call.lang === lang && keywords.every((word, i) => call.keywords?.[i] === word));
      if (matching.length !== times) throw new Error(`the emulator got ${matching.length} call(s) in ${lang} with the keywords ${keywords.join(', ')} first, not ${times}`);
    }
    lines.push(`the emulator got ${calls.length} calls for them (${pictures.size} pictures × ${SEED_LOCALES.length} locales), each with its locale's SEO keywords first`);
  }
  return lines;
}
