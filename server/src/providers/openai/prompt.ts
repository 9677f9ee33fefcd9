import type { Style } from '../../config/schema';

/**
 * The prompt sent with the image. Placeholders: {lang} (the code, e.g. `en-gb`), {language} (its
 * English name, "British English"), {style}, {styleGuide} (what the style means), {keywords},
 * {context} (the site), {fileName}, {maxLength}. A line whose placeholders all come out empty is
 * left out, so "Keywords: {keywords}" disappears when there are none. Unknown placeholders stay as written.
 */
export const DEFAULT_PROMPT_TEMPLATE = [
  'Write the alt text for this image, for people who use a screen reader.',
  'Language: {lang} ({language}). Write only in this language.',
  'Style: {style}. {styleGuide}',
  'Keywords to work in where they fit naturally: {keywords}',
  'About the site: {context}',
  'File name, a hint that may be meaningless: {fileName}',
  'Say what matters about the image for the page, not every pixel. Do not start with "Image of" or "Picture of".',
  'At most {maxLength} characters. Answer with the alt text only, without quotes or a label.',
].join('\n');

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
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Values come from config and file names: one line each, bounded, so they cannot reshape the prompt. */
const oneLine = (value: string | undefined, max: number): string => (value ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

const languageName = (lang: string): string => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang; // not a code Intl knows; the code itself is still in the prompt
  }
};

export const renderPrompt = (template: string, values: PromptValues): string => {
  const lang = oneLine(values.lang, 35);
  const filled: Record<string, string> = {
    lang,
    language: lang ? languageName(lang) : '',
    style: values.style,
    styleGuide: STYLE_GUIDES[values.style],
    keywords: (values.keywords ?? []).map((k) => oneLine(k, 100)).filter(Boolean).join(', '),
    context: oneLine(values.context, 500),
    fileName: oneLine(values.fileName, 120),
    maxLength: String(values.maxLength),
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
