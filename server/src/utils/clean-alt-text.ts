/**
 * Providers return text with quotes, "Image of…" openers and stray whitespace; screen readers
 * already announce "image", so those words are noise. Returns '' when nothing useful is left.
 */
const OPENERS = /^(?:(?:an?|the)\s+)?(?:image|picture|photo(?:graph)?|illustration)\s+(?:of|showing|shows|depicting)\s+/i;
const WRAPPING_QUOTES = /^["'“”‘’«»]+|["'“”‘’«»]+$/g;

export const cleanAltText = (raw: string, maxLength = 250): string => {
  let text = raw.replace(/\s+/g, ' ').trim().replace(WRAPPING_QUOTES, '').trim();
  const withoutOpener = text.replace(OPENERS, '');
  if (withoutOpener !== text && withoutOpener.length > 0) {
    text = withoutOpener.charAt(0).toUpperCase() + withoutOpener.slice(1);
  }
  return cutAtWord(text, maxLength);
};

const cutAtWord = (text: string, maxLength: number): string => {
  if (text.length <= maxLength) return text;
  const slice = text.slice(0, maxLength + 1);
  const lastSpace = slice.lastIndexOf(' ');
  const cut = lastSpace > 0 ? slice.slice(0, lastSpace) : text.slice(0, maxLength);
  return cut.replace(/[\s,;:.–—-]+$/, '');
};
