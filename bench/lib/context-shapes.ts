/** How an image is used, for the context phase (bench/phases/context.ts, `contextSetup` in strapi-main.ts). */
export const CONTEXT_SHAPES = ['cover', 'figure', 'dynamicZone', 'nestedInZone', 'fiveEntries', 'noEntry'] as const;
export type ContextShape = (typeof CONTEXT_SHAPES)[number];

/** What each shape is, in words, for the report. */
export const SHAPE_LABELS: Record<ContextShape, string> = {
  cover: "an article's cover",
  figure: 'a figure in `figures` (repeatable component)',
  dynamicZone: 'a figure in the dynamic zone',
  nestedInZone: 'a figure nested in `content.feature` in the dynamic zone',
  fiveEntries: 'the cover of 5 articles',
  noEntry: 'no entry',
};
