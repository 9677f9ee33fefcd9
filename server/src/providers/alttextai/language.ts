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
  const code = lang.trim().toLowerCase();
  if (TRADITIONAL_CHINESE.test(code)) return undefined;
  const primary = code.split(/[-_]/)[0];
  return ALTTEXTAI_LANGUAGES.find((supported) => supported === primary);
};
