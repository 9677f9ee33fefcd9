// What the emulated model reads in a prompt, as a real one would read free text: the language it
// is asked to write in, or the languages when the plugin asks for a JSON object of them, and the
// entry that uses the image when the prompt carries the plugin's documented entry-context block.
// A prompt without that block (a custom template) tells it nothing about the entry, and the
// answer is the plain description.

const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en', german: 'de', french: 'fr', spanish: 'es', italian: 'it', portuguese: 'pt',
  dutch: 'nl', polish: 'pl', russian: 'ru', japanese: 'ja', korean: 'ko', chinese: 'zh',
};

/** "Language: de", "lang=pt-br" or "… in German" in the prompt; English otherwise. */
export function languageFromPrompt(text: string): string | undefined {
  const code = /\b(?:lang(?:uage)?|locale)(?:\s+code)?\s*[:=]\s*["'`]?([a-z]{2,3}(?:[-_][a-z0-9]{2,8})?)\b/i.exec(text);
  if (code) return code[1].toLowerCase();
  const name = new RegExp(`\\bin (${Object.keys(LANGUAGE_NAMES).join('|')})\\b`, 'i').exec(text);
  return name ? LANGUAGE_NAMES[name[1].toLowerCase()] : undefined;
}

/**
 * How the plugin asks for several languages at once (server/src/providers/openai/prompt.ts,
 * `JSON_ANSWER_LEAD`), followed by the codes as JSON strings:
 *   Answer with one JSON object and nothing else. Its keys are exactly these language codes: "de", "fr". Each value …
 */
const JSON_ANSWER = /^Answer with one JSON object and nothing else\. Its keys are exactly these language codes: ((?:"(?:[^"\\]|\\.)*"(?:, )?)+)/m;
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/** The languages a multi-language prompt asks for, in order; undefined for a prompt that asks for one text. */
export function languagesFromPrompt(text: string): string[] | undefined {
  const list = JSON_ANSWER.exec(text)?.[1];
  if (!list) return undefined;
  const langs = [...list.matchAll(QUOTED)].map(([quoted]) => {
    try {
      return JSON.parse(quoted) as string;
    } catch {
      return '';
    }
  });
  return langs.every((lang) => lang !== '') ? langs : undefined;
}

/**
 * The block the plugin's default prompt carries (server/src/providers/openai/context-block.ts):
 *   <entry-context>
 *   Entry 1: type "Article"; title "Blue Ridge trail"; field "cover"
 *   …
 *   </entry-context>
 * Values are JSON strings, so a quote inside a title is `\"`.
 */
const BLOCK = /^<entry-context>\n([\s\S]*?)\n<\/entry-context>$/m;
const FIRST_ENTRY = /^Entry 1: (.*)$/m;
const PAIR = /(\w+) ("(?:[^"\\]|\\.)*")/g;

/** The first entry's type and title, when the prompt's entry-context block names a title. */
export function entryFromPrompt(text: string): { type?: string; title: string } | undefined {
  const line = FIRST_ENTRY.exec(BLOCK.exec(text)?.[1] ?? '')?.[1];
  if (!line) return undefined;
  const values = new Map<string, string>();
  for (const [, label, quoted] of line.matchAll(PAIR)) {
    try {
      values.set(label, JSON.parse(quoted) as string);
    } catch {
      // not a JSON string after all: the model would not read it as one either
    }
  }
  const title = values.get('title');
  return title ? { type: values.get('type') || undefined, title } : undefined;
}

/**
 * How the plugin asks one language's text with a decorative judgement
 * (server/src/providers/openai/prompt.ts, `DECORATIVE_ANSWER_LEAD`).
 */
const JUDGEMENT_LEAD = 'First judge whether the image is decorative, then answer with one JSON object and nothing else:';
/** What the emulated model takes for a decorative image: one of these words in the prompt before the judgement's instruction. */
const DECORATIVE_WORDS = /\b(?:decorative|divider|ornament)\b/i;

/**
 * The emulated model's judgement, when the prompt asks for one: decorative when the prompt before
 * the instruction (in practice the file name hint, `divider.png`) names a decorative thing;
 * undefined for a prompt that does not ask.
 */
export function judgementFromPrompt(text: string): { decorative: boolean } | undefined {
  const at = text.indexOf(JUDGEMENT_LEAD);
  return at < 0 ? undefined : { decorative: DECORATIVE_WORDS.test(text.slice(0, at)) };
}
