import type { ProviderName } from '../../../shared/vocabulary';

/** Product names: the same in every language. */
export const PROVIDER_LABELS: Record<ProviderName, string> = {
  alttextlab: 'AltTextLab',
  alttextai: 'AltTextAI (autoalt.app)',
  openai: 'OpenAI-compatible',
};

/** A provider name as recorded (provenance keeps the API's name), shown as its product name. */
export const providerLabel = (name: string): string => (PROVIDER_LABELS as Record<string, string>)[name] ?? name;
