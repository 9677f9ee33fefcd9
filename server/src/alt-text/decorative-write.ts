import type { Core } from '@strapi/strapi';
import type { LocaleSet } from '../config/locales';
import { FILE_UID } from '../utils/plugin-id';
import { altTextChanged, type AltTextActor } from './changes';
import { createDecorativeStore } from './decorative';
import { createLocaleTextStore } from './locale-texts';
import { asOwnWrite } from './own-writes';

/**
 * Marking an image decorative (WCAG: pure decoration is ignorable, alt=""): the mark, then '' in
 * every locale the plugin writes (the file's `alternativeText` for the default, the locale rows
 * for the others), each told once as a `decorative` change. Unmarking removes the mark only: the
 * '' texts are then missing again, told as `undecorative`; nothing is queued (Regenerate does that).
 */
export const createDecorativeWriter = (strapi: Core.Strapi) => {
  const store = createDecorativeStore(strapi);
  const texts = createLocaleTextStore(strapi);

  return {
    async mark(fileId: number, locales: LocaleSet, actor: AltTextActor): Promise<void> {
      await store.mark(fileId, actor);
      for (const locale of locales.all) {
        if (locale === locales.default) await asOwnWrite(() => strapi.db.query(FILE_UID).update({ where: { id: fileId }, data: { alternativeText: '' } }));
        else await texts.upsert({ fileId, locale, text: '', source: 'human' });
        await altTextChanged(strapi, { fileId, locale, text: '', kind: 'decorative', actor });
      }
    },

    /** False when the image was not marked (a suggestion is dismissed, with nothing to tell: nothing had been written). */
    async unmark(fileId: number, locales: LocaleSet, actor: AltTextActor): Promise<boolean> {
      const removed = await store.remove(fileId);
      if (removed?.status !== 'marked') return false;
      for (const locale of locales.all) await altTextChanged(strapi, { fileId, locale, text: '', kind: 'undecorative', actor });
      return true;
    },
  };
};
