import type { Style } from '../../config/schema';
import { flatten } from '../entry-context';
import type { EntryContext } from '../types';
import { entryPlaceholders, renderEntryContext } from './context-block';

/**
 * The prompt sent with the image. Placeholders: {lang} (the code, e.g. `en-gb`), {language} (its
 * English name, "British English"), {languages} (code and name, "en-gb (British English)"),
 * {style}, {styleGuide} (what the style means), {keywords}, {context} (the site), {fileName},
 * {maxLength}; and from the entries that use the image: {entryContext} (all of them, fenced as
 * data, with how to use them: see `context-block.ts`), {entryType}, {entryTitle}, {nearbyText},
 * {linkUrl} (the first entry's) and {seoKeywords} (all entries'). A line whose placeholders all
 * come out empty is left out, so "Keywords: {keywords}" disappears when there are none, and the
 * entry section when no entry uses the image. Unknown placeholders stay as written. With several
 * languages (`renderLanguagesPrompt`), {lang}, {language} and {languages} list them all, joined
 * with ", ".
 */
const INTRO = 'Write the alt text for this image, for people who use a screen reader.';
/** What every text must do, whether one language is asked for or several. */
const RULES = [
  'Style: {style}. {styleGuide}',
  'Keywords to work in where they fit naturally: {keywords}',
  'About the site: {context}',
  'File name, a hint that may be meaningless: {fileName}',
  '{entryContext}',
  'Say what matters about the image for the page, not every pixel. Do not start with "Image of" or "Picture of".',
];

export const DEFAULT_PROMPT_TEMPLATE = [
  INTRO,
  'Language: {lang} ({language}). Write only in this language.',
  ...RULES,
  'At most {maxLength} characters. Answer with the alt text only, without quotes or a label.',
].join('\n');

/**
 * The default for several languages from one call: the same rules, for each text. The form of
 * the answer is not part of it: `renderLanguagesPrompt` appends it to this and to a custom
 * template alike.
 */
export const DEFAULT_LANGUAGES_TEMPLATE = [
  INTRO.replace(/\.$/, ', once in each of these languages: {languages}.'),
  ...RULES,
  'The texts say the same, each written naturally in its own language. Each at most {maxLength} characters, without quotes or a label.',
].join('\n');

/**
 * How a multi-language answer starts its instruction. The wording is stable: the emulator, as a
 * stand-in for the model, reads the language codes that follow it.
 */
export const JSON_ANSWER_LEAD = 'Answer with one JSON object and nothing else. Its keys are exactly these language codes:';

/**
 * How a single-language prompt that asks for a decorative judgement (`generateJudged`) starts its
 * instruction. The wording is stable: the emulator, as a stand-in for the model, answers the
 * judgement when it reads it.
 */
export const DECORATIVE_ANSWER_LEAD = 'First judge whether the image is decorative, then answer with one JSON object and nothing else: {"decorative": true or false, "alt": "the alt text"}.';

/** The judgement itself, as the W3C WAI alt decision tree puts it. */
const DECORATIVE_RULE =
  'The image is decorative only when a reader who cannot see it would miss nothing: a background texture, a divider, an ornament, ' +
  'an image that only adds visual style (the W3C WAI alt decision tree: such images get an empty alt). Then "decorative" is true and "alt" is "". ' +
  'Otherwise "decorative" is false and "alt" is the alt text, written as asked above. When in doubt, describe it. ' +
  'This replaces any other instruction about the form of the answer.';

const STYLE_GUIDES: Record<Style, string> = {
  descriptive: 'A rich description in one or two sentences: subject, setting and notable details.',
  neutral: 'One clear, neutral sentence.',
  'matter-of-fact': 'Plain, factual wording with no judgement or embellishment.',
  minimal: 'As few words as possible; a short phrase is fine.',
};

export interface PromptValues {
  lang: string;
  style: Style;
  keywords?: readonly string[];
  context?: string;
  fileName?: string;
  maxLength: number;
  entries?: readonly EntryContext[];
}

const PLACEHOLDER = /\{(\w+)\}/g;

const languageName = (lang: string): string => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang; // not a code Intl knows; the code itself is still in the prompt
  }
};

/** "de (German)"; the code alone when Intl knows no name for it. */
const codeAndName = (lang: string): string => {
  const name = languageName(lang);
  return name === lang ? lang : `${lang} (${name})`;
};

const fill = (template: string, values: PromptValues, langs: readonly string[]): string => {
  const names = langs.map(languageName);
  const filled: Record<string, string> = {
    lang: langs.join(', '),
    language: names.join(', '),
    languages: langs.map(codeAndName).join(', '),
    style: values.style,
    styleGuide: STYLE_GUIDES[values.style],
    keywords: (values.keywords ?? []).map((k) => flatten(k, 100)).filter(Boolean).join(', '),
    context: flatten(values.context, 500),
    fileName: flatten(values.fileName, 120),
    maxLength: String(values.maxLength),
    entryContext: renderEntryContext(values.entries, names),
    ...entryPlaceholders(values.entries),
  };
  return template
    .split('\n')
    .filter((line) => {
      const known = [...line.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((name) => Object.hasOwn(filled, name));
      return known.length === 0 || known.some((name) => filled[name] !== '');
    })
    .map((line) => line.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(filled, name) ? filled[name] : whole)))
    .join('\n')
    .trim();
};

/** Values come from config, file names and entries: one line each, bounded, so they cannot reshape the prompt. */
export const renderPrompt = (template: string, values: PromptValues): string => {
  const lang = flatten(values.lang, 35);
  return fill(template, values, lang ? [lang] : []);
};

/**
 * The prompt for `langs` at once (codes the caller has checked): the template, filled as for one
 * language with every language listed, then the form of the answer, last so that it wins over
 * whatever a custom template says about the answer ("Answer with the alt text only").
 */
export const renderLanguagesPrompt = (template: string, values: PromptValues, langs: readonly string[]): string =>
  [
    fill(template, values, langs),
    `${JSON_ANSWER_LEAD} ${langs.map((lang) => JSON.stringify(lang)).join(', ')}. ` +
      `Each value is the alt text in that language, as one string: ${langs.map(codeAndName).join(', ')}. ` +
      'This replaces any other instruction about the form of the answer.',
  ].join('\n');

/**
 * The prompt for one language with a decorative judgement: the template as `renderPrompt` fills
 * it, then the form of the answer, last so that it wins over "Answer with the alt text only".
 */
export const renderJudgedPrompt = (template: string, values: PromptValues): string => [renderPrompt(template, values), `${DECORATIVE_ANSWER_LEAD} ${DECORATIVE_RULE}`].join('\n');
