import type { Core } from '@strapi/strapi';
import type { LocaleSet } from '../config/locales';
import { FILE_UID } from '../utils/plugin-id';
import { createDecorativeStore, MARKED_DECORATIVE } from './decorative';
import { createLocaleTextStore } from './locale-texts';
import { isAltTextMissing } from './missing';
import { createProvenanceStore, type ProvenanceContext } from './provenance';
import type { AltTextFileRow, LocaleState } from './locale-state';
import { altTextChanged, SYSTEM_ACTOR, type AltTextActor } from './changes';
import { createAltTextWriter, type WriteResult } from './write';

export interface GeneratedRecord {
  provider: string;
  lang: string;
  strategy: string | null;
  jobId: number | null;
  context: ProvenanceContext | null;
}

/**
 * Writes one locale of one image: the default locale into the file's `alternativeText` (with its
 * provenance), the others into the plugin's locale table. A generated text never lands on a text
 * someone else wrote while the provider was working.
 */
export const createLocaleWriter = (strapi: Core.Strapi) => {
  const texts = createLocaleTextStore(strapi);
  const provenance = createProvenanceStore(strapi);
  const writer = createAltTextWriter(strapi);
  const decorative = createDecorativeStore(strapi);

  const writeGeneratedText = async (file: AltTextFileRow, locale: string, locales: LocaleSet, before: LocaleState, text: string, record: GeneratedRecord): Promise<WriteResult> => {
    if (locale === locales.default) return writer.writeGenerated(file, text, record);
    const current = await texts.get(file.id, locale);
    const changed = (current?.text ?? null) !== before.text;
    if (changed && current && !isAltTextMissing(current.text, file.name)) {
      return { status: 'skipped', reason: `alt text in ${locale} was written by someone else during generation` };
    }
    await texts.upsert({ fileId: file.id, locale, text, source: 'generated', provider: record.provider, strategy: record.strategy, jobId: record.jobId, context: record.context });
    return { status: 'written' };
  };

  return {
    async writeGenerated(file: AltTextFileRow, locale: string, locales: LocaleSet, before: LocaleState, text: string, record: GeneratedRecord): Promise<WriteResult> {
      // An editor may have marked the image decorative while the provider was working: their '' wins.
      if (await decorative.isMarked(file.id)) return { status: 'skipped', reason: MARKED_DECORATIVE };
      const result = await writeGeneratedText(file, locale, locales, before, text, record);
      if (result.status === 'written') {
        await altTextChanged(strapi, { fileId: file.id, locale, text, kind: 'generated', actor: { kind: 'provider', name: record.provider }, provider: record.provider, lang: record.lang, jobId: record.jobId });
      }
      return result;
    },

    /** A person's text (`human`) or a CSV import's (`imported`): protected from fill runs from now on. */
    async writeByHand(fileId: number, locale: string, locales: LocaleSet, text: string, source: 'human' | 'imported', actor: AltTextActor = SYSTEM_ACTOR): Promise<void> {
      if (locale !== locales.default) await texts.upsert({ fileId, locale, text, source });
      else {
        await strapi.db.query(FILE_UID).update({ where: { id: fileId }, data: { alternativeText: text } });
        // A human's text is told apart by not matching the provenance; an import is recorded as one.
        if (source === 'imported') await provenance.record({ fileId, text, provider: 'csv', lang: locale, strategy: null, jobId: null, context: null, source: 'imported' });
      }
      await altTextChanged(strapi, { fileId, locale, text, kind: source === 'imported' ? 'imported' : 'edited', actor });
    },
  };
};
