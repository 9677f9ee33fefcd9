/**
 * Alt text counts as missing when it is empty, only whitespace, or the file's own name with or
 * without its extension: Strapi before 4.5 stored the name there, and it describes nothing.
 */
export const isAltTextMissing = (alternativeText: string | null | undefined, fileName: string): boolean => {
  const text = (alternativeText ?? '').trim();
  if (text === '') return true;
  const name = fileName.trim();
  const stem = name.replace(/\.[^.]+$/, '');
  return text === name || text === stem;
};
