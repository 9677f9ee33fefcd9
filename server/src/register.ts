import type { Core } from '@strapi/strapi';
import { subscribeToEntrySaves } from './lifecycles/entry-saves';
import { subscribeToFileDeletes } from './lifecycles/file-deletes';
import { subscribeToI18nLocales } from './lifecycles/i18n-locales';
import { subscribeToUploads } from './lifecycles/upload-files';
import { recordHistory } from './history';
import { MODELS } from './models';
import { subscribeToQualityChecks } from './quality/listener';
import { getService } from './services/get-service';
import { dropSuggestionsOnChange } from './services/review';
import { registerServing } from './serving';
import { announceGeneratedText, registerWebhookEvents } from './webhooks';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  const models = strapi.get('models') as { add(model: unknown): void };
  for (const model of MODELS) models.add(model);
  subscribeToUploads(strapi);
  subscribeToFileDeletes(strapi);
  subscribeToEntrySaves(strapi);
  recordHistory(strapi);
  dropSuggestionsOnChange(strapi);
  subscribeToQualityChecks(strapi);
  registerWebhookEvents(strapi);
  announceGeneratedText(strapi);
  subscribeToI18nLocales(strapi, () => getService(strapi, 'generation').forgetLocaleSet());
  // The locales service's cache: settings changes clear it, and serving reads it on every request.
  registerServing(strapi, () => getService(strapi, 'locales').set());
};

export default register;
