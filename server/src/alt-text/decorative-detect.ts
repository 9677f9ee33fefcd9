/**
 * Spacer-like images, judged from the width and height Strapi stored (free: no bytes, no call).
 * Both sides at most SPACER_MAX_EDGE px, or a line one pixel high or wide.
 */
export const SPACER_MAX_EDGE = 16;

export const spacerHint = (file: { width: number | null; height: number | null }): string | undefined => {
  const { width, height } = file;
  if (width === null || height === null || width <= 0 || height <= 0) return undefined;
  if (width <= SPACER_MAX_EDGE && height <= SPACER_MAX_EDGE) return `${width}×${height} px spacer`;
  if (width === 1 || height === 1) return `${width}×${height} px line`;
  return undefined;
};
