/**
 * THE rule for "this image has no alt text", used by the write-back, bulk runs, the coverage count
 * and the admin's media list (in SQL: `missing-alt-text-sql.ts`, which must say the same).
 *
 * Whitespace W is exactly U+0020, U+0009, U+000A, U+000B, U+000C, U+000D and U+00A0 — nothing
 * else (JS `trim()` strips more, SQL `TRIM` strips only spaces; neither is used). Alt text is
 * missing iff it is NULL, or it stripped of W at both ends is empty, or equals the file name
 * stripped of W, or equals that name's stem (the name minus a final `.` followed by one or more
 * non-dot characters: `photo.tar.gz` → `photo.tar`). Every comparison is exact: case- and
 * accent-sensitive, no trailing-space padding, no wildcards.
 *
 * Why the file name counts as missing: Strapi before 4.5 stored the name there, and it describes nothing.
 */
export const ALT_TEXT_WHITESPACE = ' \t\n\u000b\f\r\u00a0';

const isWhitespace = (char: string) => ALT_TEXT_WHITESPACE.includes(char);

/** `text` without W at either end. */
export const stripAltTextWhitespace = (text: string): string => {
  let start = 0;
  let end = text.length;
  while (start < end && isWhitespace(text[start])) start++;
  while (end > start && isWhitespace(text[end - 1])) end--;
  return text.slice(start, end);
};

export const isAltTextMissing = (alternativeText: string | null | undefined, fileName: string | null | undefined): boolean => {
  if (alternativeText === null || alternativeText === undefined) return true;
  const text = stripAltTextWhitespace(alternativeText);
  if (text === '') return true;
  const name = stripAltTextWhitespace(fileName ?? '');
  const stem = name.replace(/\.[^.]+$/, '');
  return text === name || text === stem;
};
