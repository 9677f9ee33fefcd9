/**
 * Providers return text with quotes, labels ("Alt text: …"), "Image of…" openers and stray
 * whitespace; screen readers already announce "image", so those words are noise. Returns '' when
 * nothing useful is left, so the caller can refuse the answer.
 */
export interface CleanOptions {
  /** The provider stopped at its token limit: the last word may be cut and is dropped. */
  truncated?: boolean;
}

const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202f\u2060\ufeff]/g;
const MARKDOWN_EMPHASIS = /\*\*|__/g;
/** What chat models put before the answer: "Alt text:", "Here is the alt text for this image:". */
const LABEL =
  /^(?:here(?:'s|’s| is)\s+(?:the\s+|an?\s+|some\s+)?)?(?:alt(?:ernative)?[\s-]?text|alt|description|caption)(?:\s+for\s+(?:this|the)\s+(?:image|picture|photo))?\s*:\s*/i;
const OPENERS =
  /^(?:(?:an?|the|this)\s+)?(?:image|picture|photo(?:graph)?|illustration)\s+(?:of|showing|shows|depicting|depicts|featuring)\s+/i;
const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['„', '“'],
  ['‘', '’'],
  ['«', '»'],
  ['`', '`'],
];
/** Words a cut should not leave dangling at the end ("a dog sitting on a sofa with"). */
const DANGLING = /\s+(?:a|an|the|and|or|but|with|of|in|on|at|to|for|from|by|as)$/i;

export const cleanAltText = (raw: string, maxLength = 250, options: CleanOptions = {}): string => {
  let text = raw.replace(CONTROL_CHARS, ' ').replace(MARKDOWN_EMPHASIS, '').replace(/\s+/g, ' ').trim();
  if (options.truncated) text = dropLastWord(text);
  text = unwrapQuotes(text.replace(LABEL, ''));
  text = unwrapQuotes(text.replace(LABEL, ''));
  const withoutOpener = text.replace(OPENERS, '');
  if (withoutOpener !== text && withoutOpener.length > 0) {
    text = withoutOpener.charAt(0).toUpperCase() + withoutOpener.slice(1);
  }
  return cutAtWord(text, maxLength);
};

/** Removes quotes only when they wrap the whole text, so `The "Mona Lisa"` keeps its quotes. */
const unwrapQuotes = (input: string): string => {
  let text = input.trim();
  for (;;) {
    const pair = QUOTE_PAIRS.find(([open, close]) => text.length >= 2 && text.startsWith(open) && text.endsWith(close));
    if (!pair) return text;
    const inner = text.slice(1, -1);
    if (inner.includes(pair[0]) || inner.includes(pair[1])) return text;
    text = inner.trim();
  }
};

const dropLastWord = (text: string): string => {
  const lastSpace = text.lastIndexOf(' ');
  return lastSpace > 0 ? tidyEnd(text.slice(0, lastSpace)) : '';
};

const tidyEnd = (text: string): string => {
  let out = text.replace(/[\s,;:–—-]+$/, '');
  for (let i = 0; i < 2 && DANGLING.test(out); i += 1) out = out.replace(DANGLING, '');
  return out.replace(/[\s,;:–—-]+$/, '');
};

/**
 * Cuts at the last space that fits. A single word longer than the limit (which the config's
 * minimum of 20 makes a URL or garbage, not language) is the one case cut mid-word.
 */
const cutAtWord = (text: string, maxLength: number): string => {
  if (text.length <= maxLength) return text;
  const slice = text.slice(0, maxLength + 1);
  const lastSpace = slice.lastIndexOf(' ');
  if (lastSpace <= 0) return text.slice(0, maxLength);
  return tidyEnd(slice.slice(0, lastSpace)).replace(/[.]+$/, '');
};
