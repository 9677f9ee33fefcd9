import { detectAll } from 'tinyld';
import { wordsOf, type Check } from './types';

/**
 * The languages the detector weighs besides the one asked for: the admin's (en, fr, de) and their
 * neighbours. Left to choose among all of tinyld's ~60, short English texts came out Berber or
 * Finnish; among these few it is right on every sample in the unit test.
 */
const CANDIDATES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt'];
const MIN_WORDS = 4;
const MIN_CHARS = 20;
/** The language asked for must score at most this share of the winner's score to be called wrong. */
const MARGIN = 0.5;

/**
 * WRONG_LANGUAGE: the text is in another language than the one asked for (a generated text's
 * `lang`, else the locale's). Only said when the detector (tinyld, offline n-grams) is confident:
 * the text has ≥ 4 words and ≥ 20 characters and the requested language scores under half the winner.
 */
export const wrongLanguage: Check = ({ text, lang }) => {
  const expected = lang.toLowerCase().split(/[-_]/)[0];
  if (wordsOf(text).filter((word) => /\p{L}/u.test(word)).length < MIN_WORDS || text.trim().length < MIN_CHARS) return null;
  const scores = detectAll(text, { only: [...new Set([...CANDIDATES, expected])] });
  const top = scores[0];
  if (!top || top.lang === expected) return null;
  const asked = scores.find((score) => score.lang === expected)?.accuracy ?? 0;
  return asked <= top.accuracy * MARGIN ? { code: 'WRONG_LANGUAGE', reason: `reads as ${top.lang}, not ${expected}` } : null;
};
