import type { ProviderName } from './vocabulary';

/**
 * Which language codes `lang` may hold, and which each provider offers in the settings page's
 * picker. A code is "known" when its first subtag is an ISO 639-1 language (or one of a few
 * three-letter ones the picker offers): `pt-br`, `zh-hans` and `en-GB` are known, `xx` is not.
 */

const ISO_639_1 = (
  'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu ' +
  'fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko ' +
  'kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi ' +
  'pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ' +
  'ur uz ve vi vo wa wo xh yi yo za zh zu'
).split(' ');

/** ISO 639-2/3 languages with no two-letter code that vision models write well. */
const THREE_LETTER = ['fil', 'haw', 'ceb', 'hmn', 'yue'];

const KNOWN = new Set([...ISO_639_1, ...THREE_LETTER]);

/** The first subtag of a code, lower case: `pt-BR` → `pt`. */
export const primaryLanguageOf = (code: string): string => code.trim().toLowerCase().split(/[-_]/)[0];

export const isKnownLanguage = (code: string): boolean => KNOWN.has(primaryLanguageOf(code));

/** The languages AltTextAI documents for `language` (PROVIDERS.md, seed 001). */
export const ALTTEXTAI_LANGUAGES = ['en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'pl', 'ru', 'ja', 'ko', 'zh'] as const;
export type AltTextAiLanguage = (typeof ALTTEXTAI_LANGUAGES)[number];

/** Traditional Chinese: `zh` is not documented as covering it, so it is refused rather than guessed. */
const TRADITIONAL_CHINESE = /^zh[-_](?:hant|tw|hk|mo)\b/i;

/**
 * The site's language as AltTextAI's `language`: a regional variant maps onto its base language
 * (`en-gb` → `en`, `pt-br` → `pt`, `zh-hans` → `zh`). Undefined for anything it does not support,
 * so the caller can refuse instead of silently getting English.
 */
export const toAltTextAiLanguage = (lang: string): AltTextAiLanguage | undefined => {
  if (TRADITIONAL_CHINESE.test(lang.trim())) return undefined;
  const primary = primaryLanguageOf(lang);
  return ALTTEXTAI_LANGUAGES.find((supported) => supported === primary);
};

/**
 * Widely written languages, with the regional variants AltTextLab documents (`en-gb`, `zh-hans`)
 * and their usual counterparts. AltTextLab takes about 130 codes but publishes no list, and an
 * OpenAI-compatible model writes whatever it was trained on: both are offered this list, and any
 * other known code is still accepted when typed.
 */
export const COMMON_LANGUAGES = [
  'af', 'ar', 'az', 'be', 'bg', 'bn', 'bs', 'ca', 'cs', 'cy', 'da', 'de', 'el', 'en', 'en-gb', 'en-us', 'es', 'es-419', 'et', 'eu',
  'fa', 'fi', 'fil', 'fr', 'fr-ca', 'ga', 'gl', 'gu', 'he', 'hi', 'hr', 'hu', 'hy', 'id', 'is', 'it', 'ja', 'ka', 'kk', 'km', 'kn',
  'ko', 'lb', 'lt', 'lv', 'mk', 'ml', 'mn', 'mr', 'ms', 'mt', 'my', 'nb', 'ne', 'nl', 'pa', 'pl', 'pt', 'pt-br', 'pt-pt', 'ro', 'ru',
  'si', 'sk', 'sl', 'sq', 'sr', 'sv', 'sw', 'ta', 'te', 'th', 'tr', 'uk', 'ur', 'uz', 'vi', 'zh', 'zh-hans', 'zh-hant',
] as const;

/** What the settings page offers for `lang`, per provider. */
export const PROVIDER_LANGUAGES: Record<ProviderName, readonly string[]> = {
  alttextlab: COMMON_LANGUAGES,
  alttextai: ALTTEXTAI_LANGUAGES,
  openai: COMMON_LANGUAGES,
};

/** Whether the provider writes in `lang`: AltTextAI its documented set (variants mapped onto it), the others any known language. */
export const providerWritesIn = (provider: ProviderName, lang: string): boolean =>
  provider === 'alttextai' ? toAltTextAiLanguage(lang) !== undefined : isKnownLanguage(lang);
