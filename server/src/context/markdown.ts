import type { TextBlock } from './neighbours';

/**
 * Strapi's Markdown rich text as TextBlocks: paragraphs are separated by blank lines, `#` lines are
 * headings, and an image (`![alt](url)` or `<img src>`) is inline, so it carries the words of its
 * own paragraph and, when wrapped in a link (`[![alt](url)](href)`, `<a href><img></a>`), where it
 * points. Not a Markdown parser: enough to find the words around an image, never an error.
 */

/** `<url>` or `url "title"`: the destination is the first token. */
const destination = (raw: string): string => raw.trim().replace(/^<([^>]*)>.*$/, '$1').split(/\s+/, 1)[0] ?? '';

const IMAGE = /!\[[^\]]*\]\(([^)]*)\)/g;
const LINKED_IMAGE = /\[\s*!\[[^\]]*\]\(([^)]*)\)\s*\]\(([^)]*)\)/g;
const HTML_IMAGE = /<img\s[^>]*?src\s*=\s*["']([^"']+)["'][^>]*>/gi;
const HTML_LINKED_IMAGE = /<a\s[^>]*?href\s*=\s*["']([^"']+)["'][^>]*>\s*<img\s[^>]*?src\s*=\s*["']([^"']+)["'][^>]*>\s*<\/a>/gi;
const LINK = /\[([^\]]*)\]\([^)]*\)/g;

interface InlineImage {
  url: string;
  link: string | null;
}

const imagesIn = (paragraph: string): InlineImage[] => {
  const links = new Map<string, string>();
  for (const [, image, href] of paragraph.matchAll(LINKED_IMAGE)) links.set(destination(image), destination(href));
  for (const [, href, src] of paragraph.matchAll(HTML_LINKED_IMAGE)) links.set(src, href);
  const urls = [...[...paragraph.matchAll(IMAGE)].map((match) => destination(match[1])), ...[...paragraph.matchAll(HTML_IMAGE)].map((match) => match[1])];
  return urls.filter((url) => url !== '').map((url) => ({ url, link: links.get(url) ?? null }));
};

/** The paragraph's words: images and tags out, links as their text, emphasis and list marks dropped. */
const prose = (paragraph: string): string =>
  paragraph
    .replace(LINKED_IMAGE, ' ')
    .replace(IMAGE, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(LINK, '$1')
    .replace(/^\s*(?:[-*+]|\d+[.)]|>)\s+/gm, '')
    .replace(/\*\*|__|~~|`|\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;

const paragraphBlocks = (paragraph: string): TextBlock[] => {
  const images = imagesIn(paragraph);
  if (images.length === 0) return [{ kind: 'text', text: prose(paragraph) }];
  const text = prose(paragraph);
  return images.map(({ url, link }) => ({ kind: 'image', url, hash: null, text, link }));
};

export const markdownToText = (value: unknown): TextBlock[] => {
  if (typeof value !== 'string') return [];
  const blocks: TextBlock[] = [];
  for (const paragraph of value.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    // A heading line ends its paragraph even without a blank line after it.
    let rest: string[] = [];
    for (const line of paragraph.split('\n')) {
      const heading = HEADING.exec(line);
      if (!heading) {
        rest.push(line);
        continue;
      }
      if (rest.join('').trim() !== '') blocks.push(...paragraphBlocks(rest.join('\n')));
      rest = [];
      blocks.push({ kind: 'heading', text: prose(heading[1]) });
    }
    if (rest.join('').trim() !== '') blocks.push(...paragraphBlocks(rest.join('\n')));
  }
  return blocks;
};
