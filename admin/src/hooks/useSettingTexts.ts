import type { EditableSettingKey, EntryContextSettingKey } from '../../../shared/contracts/settings';
import { useT } from './useT';

export interface SettingTexts {
  label: string;
  hint?: string;
}

/** A field of the settings page: a setting, or one entry-context option. */
export type SettingFieldKey = Exclude<EditableSettingKey, 'entryContext'> | EntryContextSettingKey;

/** The label and hint of every setting of the settings page, in the order the page shows them. */
export const useSettingTexts = (): Record<SettingFieldKey, SettingTexts> => {
  const t = useT();
  return {
    provider: { label: t('settings.provider.label', 'Provider') },
    baseUrl: { label: t('settings.baseUrl.label', 'Base URL'), hint: t('settings.baseUrl.hint', "Leave empty for the provider's public API.") },
    model: { label: t('settings.model.label', 'Model'), hint: t('settings.model.hint', 'The vision model to ask, e.g. gpt-4o-mini.') },
    lang: { label: t('settings.lang.label', 'Language'), hint: t('settings.lang.hint', 'A language code such as en, de or pt-br.') },
    style: { label: t('settings.style.label', 'Style') },
    keywords: { label: t('settings.keywords.label', 'Keywords'), hint: t('settings.keywords.hint', 'Comma-separated hints for the provider, e.g. hiking, tents.') },
    maxLength: { label: t('settings.maxLength.label', 'Maximum length'), hint: t('settings.maxLength.hint', 'Longer answers are cut at a word boundary (20–2000 characters).') },
    context: {
      label: t('settings.context.label', 'Context'),
      hint: t('settings.context.hint', 'What the site is about, e.g. "an outdoor-gear shop". Used by providers that take a prompt.'),
    },
    autoOnUpload: { label: t('settings.autoOnUpload.label', 'Generate on upload'), hint: t('settings.autoOnUpload.hint', 'Write alt text for every new image as soon as it is uploaded.') },
    review: {
      label: t('settings.review.label', 'Review before publish'),
      hint: t('settings.review.hint', 'Generated text waits as a suggestion until an editor approves it; until then the image keeps its alt text.'),
    },
    detectDecorative: {
      label: t('settings.detectDecorative.label', 'Detect decorative images'),
      hint: t('settings.detectDecorative.hint', 'Spacers, lines and flat-colour images are suggested as decorative instead of described: no credit spent.'),
    },
    imageDelivery: { label: t('settings.imageDelivery.label', 'Image delivery'), hint: t('settings.imageDelivery.hint', 'How the provider gets the image. Automatic picks per file.') },
    concurrency: { label: t('settings.concurrency.label', 'Concurrency'), hint: t('settings.concurrency.hint', 'Provider calls in flight at once, per Strapi process (1–32).') },
    requestsPerSecond: {
      label: t('settings.requestsPerSecond.label', 'Requests per second'),
      hint: t('settings.requestsPerSecond.hint', 'Provider calls started per second, per process; 0 means no limit.'),
    },
    'entryContext.enabled': {
      label: t('settings.entryContext.enabled.label', 'Use entry context'),
      hint: t('settings.entryContext.enabled.hint', 'Describe an image with the entries that use it: their title, the text around it, its caption.'),
    },
    'entryContext.waitSeconds': {
      label: t('settings.entryContext.waitSeconds.label', 'Wait after upload (seconds)'),
      hint: t('settings.entryContext.waitSeconds.hint', 'A new image waits this long before it is described, so the entry written around it can be saved first (0–3600).'),
    },
    'entryContext.upgrade': {
      label: t('settings.entryContext.upgrade.label', 'Describe again when an entry is saved'),
      hint: t('settings.entryContext.upgrade.hint', 'An image described without any entry context is described once more when an entry that uses it is saved.'),
    },
  };
};
