import type { Check } from './types';

/**
 * TOO_LONG: longer than `qualitySoftLimit` (default 125 characters, where screen-reader advice
 * draws the line). Flagged, never cut: `maxLength` is the hard limit. Counts characters, not UTF-16 units.
 */
export const tooLong: Check = ({ text, softLimit }) => {
  const length = [...text.trim()].length;
  return length > softLimit ? { code: 'TOO_LONG', reason: `${length} characters (soft limit ${softLimit})` } : null;
};
