import type { ImageVariant, StoredFile, StoredObject } from './types';

/**
 * A rendition is "big enough" to describe when its longest edge reaches this: vision models work
 * at ~768 px (OpenAI scales the short side to 768), so the original's extra pixels buy nothing.
 */
export const MIN_DESCRIBABLE_EDGE = 768;

/** Generated formats worth sending instead of the original, smallest first. */
const PREFERRED_FORMATS = ['medium', 'large'] as const;

const longestEdge = (object: StoredObject): number => Math.max(object.width ?? 0, object.height ?? 0);

/** The rendition named by `variant`; undefined when the file has no such format. */
export const renditionOf = (file: StoredFile, variant: ImageVariant): StoredObject | undefined =>
  variant === 'original' ? file : (file.formats?.[variant] ?? undefined);

/**
 * The smallest generated format (`medium`, then `large`) that is big enough, else the original:
 * fewer bytes, same description.
 * `minEdge` can only lower the bar (an inline image is downscaled to `inlineMaxEdge` anyway).
 */
export const chooseVariant = (
  file: StoredFile,
  minEdge: number = MIN_DESCRIBABLE_EDGE
): { variant: ImageVariant; object: StoredObject } => {
  const needed = Math.min(minEdge, MIN_DESCRIBABLE_EDGE);
  for (const name of PREFERRED_FORMATS) {
    const format = file.formats?.[name];
    if (!format || !format.hash || !format.mime?.startsWith('image/')) continue;
    if (longestEdge(format) < needed) continue;
    // Never trade down to something heavier (a format re-encoded from a tiny original).
    if (file.size && format.size && format.size >= file.size) continue;
    return { variant: name, object: format };
  }
  return { variant: 'original', object: file };
};
