import { z } from 'zod';
import { cleanAltText } from '../../alt-text/clean';
import type { JudgedAltText } from '../types';
import { answerProblem, parseJsonAnswer, type LanguageAnswerOptions } from './languages';

/**
 * Reading a single-language answer that carries a decorative judgement (`generateJudged`):
 * `{ "decorative": boolean, "alt": string }`. The model's text is read and cleaned, never
 * repeated in an error.
 */
const judgedAnswer = z.object({ decorative: z.boolean(), alt: z.string() });

/**
 * `{ decorative: true }` when the model judged the image decorative (its `alt`, if any, is
 * ignored: nothing is written from such an answer), else the cleaned alt text. BAD_RESPONSE for an
 * answer that is not JSON, not of that shape, or not decorative with empty text.
 */
export const readJudgedAnswer = (text: string, options: LanguageAnswerOptions): JudgedAltText => {
  const bad = answerProblem(options);
  const answer = judgedAnswer.safeParse(parseJsonAnswer(text, options, 'a decorative judgement and alt text were asked for'));
  if (!answer.success) throw bad('was JSON but not {"decorative": boolean, "alt": string}');
  if (answer.data.decorative) return { decorative: true };
  const cleaned = cleanAltText(answer.data.alt, options.maxLength);
  if (!cleaned) throw bad('has empty alt text for an image it did not judge decorative');
  return { text: cleaned };
};
