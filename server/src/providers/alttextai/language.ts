/** The one rule for AltTextAI's languages lives in shared/languages.ts: the settings page and Save use it too. */
export { ALTTEXTAI_LANGUAGES, toAltTextAiLanguage, type AltTextAiLanguage } from '../../../../shared/languages';
