import { z } from 'zod';
import { LOCALE_CODE } from '../../../../shared/vocabulary';
import { cleanAltText } from '../../alt-text/clean';
import { AltTextError, type AltTextErrorContext } from '../../errors';

/**
 * Several languages from one chat completion: which languages to ask for, and reading the JSON
 * object the model answers with. Codes come from the site's locales; the model's text is read
 * and cleaned, never repeated in an error.
 */

/** "pt-BR", "PT-BR" and "pt_br" are one language: keys are compared in this form. */
const keyOf = (lang: string): string => lang.trim().toLowerCase().replace(/_/g, '-');

/** Longer than any real code ("zh-hant-hk", "sr-latn-me"); a bound for the prompt. */
const MAX_CODE_CHARS = 35;

/**
 * The distinct languages of `langs`, in order, each under its first spelling. MISCONFIGURED,
 * before any request, for one that is not a language code: it would go into the prompt and become
 * a key of the answer.
 */
export const languagesToAsk = (langs: readonly string[], context: AltTextErrorContext): string[] => {
  const asked = new Map<string, string>();
  for (const lang of langs) {
    const code = lang.trim();
    if (code.length > MAX_CODE_CHARS || !LOCALE_CODE.test(code)) {
      throw new AltTextError('MISCONFIGURED', 'a requested language is not a language code such as "de" or "pt-BR"', context);
    }
    if (!asked.has(keyOf(code))) asked.set(keyOf(code), code);
  }
  return [...asked.values()];
};

/** `langs` as given (repeats and other spellings included), each with the text of its language. */
export const byRequestedCode = (langs: readonly string[], texts: Record<string, string>): Record<string, string> =>
  Object.fromEntries(langs.map((lang) => [lang, texts[keyOf(lang)]]));

/** Without a JSON mode some models fence their JSON in markdown; the fence is not the answer. */
const FENCED = /^```(?:json)?\s*([\s\S]*?)\s*```$/i;

const answerObject = z.record(z.string(), z.unknown());

const named = (langs: readonly string[]) => langs.map((lang) => `"${lang}"`).join(', ');

export interface LanguageAnswerOptions {
  maxLength: number;
  context: AltTextErrorContext;
  /** The model stopped at its token limit (`finish_reason: 'length'`). */
  truncated: boolean;
}

/** A BAD_RESPONSE saying what was wrong with the model's answer (never quoting it). */
export const answerProblem = (options: LanguageAnswerOptions) => (problem: string) => new AltTextError('BAD_RESPONSE', `the model's answer ${problem}`, options.context);

/** The model's answer as JSON (a Markdown fence around it accepted), or BAD_RESPONSE saying what had been asked for. */
export const parseJsonAnswer = (text: string, options: LanguageAnswerOptions, asked: string): unknown => {
  try {
    return JSON.parse(text.trim().replace(FENCED, '$1'));
  } catch {
    throw answerProblem(options)(options.truncated ? 'was cut off at the token limit before its JSON ended' : `was not JSON (${asked})`);
  }
};

/**
 * The model's answer as one cleaned text per asked language, keyed by language (lower case, `-`).
 * BAD_RESPONSE, naming what was wrong and for which language, for an answer that is not a JSON
 * object, lacks a language, gives one something other than a string, or one that cleaning empties.
 * Keys it was not asked for are ignored; a key in another case ("pt-br" for "pt-BR") counts.
 */
export const readLanguageAnswer = (text: string, asked: readonly string[], options: LanguageAnswerOptions): Record<string, string> => {
  const bad = answerProblem(options);
  const json = parseJsonAnswer(text, options, 'one text per language was asked for');
  const object = answerObject.safeParse(json);
  if (!object.success) throw bad('was JSON but not an object of texts by language');

  const answered = new Map(Object.entries(object.data).map(([key, value]) => [keyOf(key), value]));
  const schema = z.object(Object.fromEntries(asked.map((lang) => [keyOf(lang), z.string()])));
  const checked = schema.safeParse(Object.fromEntries(answered));
  if (!checked.success) {
    const missing = asked.filter((lang) => answered.get(keyOf(lang)) === undefined);
    if (missing.length > 0) throw bad(`has no text for ${named(missing)}`);
    const wrong = new Set(checked.error.issues.map((issue) => String(issue.path[0])));
    throw bad(`gives ${named(asked.filter((lang) => wrong.has(keyOf(lang))))} a value that is not a string`);
  }

  const texts: Record<string, string> = {};
  for (const lang of asked) {
    const cleaned = cleanAltText(checked.data[keyOf(lang)], options.maxLength);
    if (!cleaned) throw bad(`has empty text for "${lang}"`);
    texts[keyOf(lang)] = cleaned;
  }
  return texts;
};
