import type { Core } from '@strapi/strapi';

const I18N_LOCALE = 'plugin::i18n.locale';

/**
 * With `locales: 'i18n'` the plugin writes every locale Strapi's i18n has. A locale added, renamed
 * or deleted in Settings → Internationalization is followed at once (not after the locale-set
 * cache's few seconds), so the next job, run or served response already counts it.
 */
export const subscribeToI18nLocales = (strapi: Core.Strapi, forget: () => void) => {
  if (!strapi.plugin('i18n')) return;
  strapi.db.lifecycles.subscribe({
    models: [I18N_LOCALE],
    afterCreate: forget,
    afterUpdate: forget,
    afterDelete: forget,
    afterCreateMany: forget,
    afterDeleteMany: forget,
  });
};
