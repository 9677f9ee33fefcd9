import { wordsOf, type Check } from './types';

/** Small words that repeat in any honest sentence (en, fr, de): never counted. */
const STOPWORDS = new Set(
  (
    'the and with for from into onto over under this that its are was has have his her their near next some ' +
    'les des une dans avec pour sur sous par est son ses leur aux qui que ' +
    'der die das den dem des ein eine einer eines einem und mit auf für von vom zum zur aus bei ist sich'
  ).split(' ')
);

const counts = <T>(items: T[]): Map<T, number> => {
  const found = new Map<T, number>();
  for (const item of items) found.set(item, (found.get(item) ?? 0) + 1);
  return found;
};

/**
 * REPEATED_WORDS: keyword stuffing — a word said twice in a row ("red red"), a content word three
 * times or more, or a two-word phrase twice ("running shoes, red running shoes").
 */
export const repeatedWords: Check = ({ text }) => {
  const words = wordsOf(text);
  for (let i = 1; i < words.length; i += 1) {
    if (words[i] === words[i - 1] && /\p{L}/u.test(words[i])) return { code: 'REPEATED_WORDS', reason: `"${words[i]}" twice in a row` };
  }
  const content = (word: string) => word.length >= 3 && /\p{L}/u.test(word) && !STOPWORDS.has(word);
  for (const [word, count] of counts(words.filter(content))) {
    if (count >= 3) return { code: 'REPEATED_WORDS', reason: `"${word}" ${count} times` };
  }
  const phrases = words.slice(1).flatMap((word, i) => (content(words[i]) && content(word) ? [`${words[i]} ${word}`] : []));
  for (const [phrase, count] of counts(phrases)) {
    if (count >= 2) return { code: 'REPEATED_WORDS', reason: `"${phrase}" ${count} times` };
  }
  return null;
};
