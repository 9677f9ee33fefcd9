import type { Core } from '@strapi/strapi';
import { createLocaleStates, type AltTextFileRow } from '../alt-text/locale-state';
import type { LocaleSet } from '../config/locales';
import { FILE_UID } from '../utils/plugin-id';
import type { createQualityChecker } from './listener';

const BATCH = 200;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Checks every image's current text in every locale the plugin writes, a batch of images at a time
 * (one batch in memory): results exist only for texts the plugin saw change, so texts from before
 * the plugin (or edited in Strapi's Media Library) get theirs here. No provider call, no credit; per
 * text one query for DUPLICATE and one upsert. A missing text's result is removed.
 */
export const recheckAll = async (strapi: Core.Strapi, checker: ReturnType<typeof createQualityChecker>, set: LocaleSet): Promise<{ checked: number; flagged: number }> => {
  const states = createLocaleStates(strapi);
  const totals = { checked: 0, flagged: 0 };
  for (let afterId = 0; ; ) {
    const files = (await strapi.db.query(FILE_UID).findMany({
      where: { id: { $gt: afterId }, mime: { $startsWith: 'image/' } },
      select: ['id', 'name', 'alternativeText'],
      orderBy: { id: 'asc' },
      limit: BATCH,
    })) as AltTextFileRow[];
    if (files.length === 0) return totals;
    const byFile = await states.of(files, set);
    for (const file of files) {
      for (const [locale, state] of byFile.get(file.id) ?? []) {
        if (state.source === 'missing' || !state.text) {
          await checker.store.forget(file.id, locale);
          continue;
        }
        const flags = await checker.check({ fileId: file.id, locale, text: state.text, fileName: file.name });
        totals.checked += 1;
        if (flags.length > 0) totals.flagged += 1;
      }
    }
    afterId = files[files.length - 1].id;
    await yieldToEventLoop();
  }
};
