import type { Core } from '@strapi/strapi';
import type { LocaleSet } from '../config/locales';
import { readConfig } from '../config/read';
import { FILE_UID } from '../utils/plugin-id';
import { createDecorativeStore, MARKED_DECORATIVE } from './decorative';
import { createLocaleTextStore } from './locale-texts';
import { isAltTextMissing } from './missing';
import { createProvenanceStore, type ProvenanceContext } from './provenance';
import { createLocaleStates, type AltTextFileRow, type LocaleState } from './locale-state';
import { createSuggestionStore, holdsForReview } from './suggestions';
import { altTextChanged, SYSTEM_ACTOR, type AltTextActor, type AltTextChangeKind } from './changes';
import { createAltTextWriter, type WriteResult } from './write';
import { asOwnWrite } from './own-writes';

export interface GeneratedRecord {
  provider: string;
  /** Written by the fallback provider (config `fallback`); absent = the primary. */
  fallback?: boolean;
  lang: string;
  strategy: string | null;
  jobId: number | null;
  context: ProvenanceContext | null;
  /** Written from the cache (the same bytes asked the same way before; `provider` wrote it then): no call, no credit. */
  cached?: boolean;
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
  const suggestions = createSuggestionStore(strapi);
  const states = createLocaleStates(strapi);
  const decorative = createDecorativeStore(strapi);

  const writeGeneratedText = async (file: AltTextFileRow, locale: string, locales: LocaleSet, before: LocaleState, text: string, record: GeneratedRecord, options: { unlessMarked?: boolean } = {}): Promise<WriteResult> => {
    const { cached, ...recorded } = record;
    if (locale === locales.default) return writer.writeGenerated(file, text, { ...recorded, source: cached ? 'cache' : 'generated' }, { unlessMarked: options.unlessMarked });
    if (options.unlessMarked && (await decorative.isMarked(file.id))) return { status: 'skipped', reason: MARKED_DECORATIVE };
    const current = await texts.get(file.id, locale);
    const changed = (current?.text ?? null) !== before.text;
    if (changed && current && !isAltTextMissing(current.text, file.name)) {
      return { status: 'skipped', reason: `alt text in ${locale} was written by someone else during generation` };
    }
    await texts.upsert({ fileId: file.id, locale, text, source: 'generated', provider: record.provider, fallback: record.fallback ?? false, strategy: record.strategy, jobId: record.jobId, context: record.context });
    return { status: 'written' };
  };

  /** The text a locale held before a person's write, when it was not missing (history's baseline). */
  const previousText = async (fileId: number, locale: string, locales: LocaleSet): Promise<string | null> => {
    const file = (await strapi.db.query(FILE_UID).findOne({ where: { id: fileId }, select: ['name', 'alternativeText'] })) as AltTextFileRow | null;
    const text = locale === locales.default ? file?.alternativeText : (await texts.get(fileId, locale))?.text;
    return file && text && !isAltTextMissing(text, file.name) ? text : null;
  };

  return {
    /** `noSuggestion`: the job read that this locale has no suggestion awaiting review (none to drop). */
    async writeGenerated(file: AltTextFileRow, locale: string, locales: LocaleSet, before: LocaleState, text: string, record: GeneratedRecord, noSuggestion = false): Promise<WriteResult> {
      // An editor may have marked the image decorative while the provider was working: their '' wins
      // (checked with the text's own guard when the text is written, here when it is only suggested).
      if (holdsForReview(readConfig(strapi).review, before)) {
        if (await decorative.isMarked(file.id)) return { status: 'skipped', reason: MARKED_DECORATIVE };
        const { provider, fallback, lang, strategy, jobId, context } = record;
        await suggestions.upsert({ fileId: file.id, locale, text, provider, fallback: fallback ?? false, lang, strategy, jobId, context });
        return { status: 'written', suggested: true };
      }
      const result = await writeGeneratedText(file, locale, locales, before, text, record, { unlessMarked: true });
      if (result.status === 'written') {
        await altTextChanged(strapi, { fileId: file.id, locale, text, kind: record.cached ? 'cached' : 'generated', actor: { kind: 'provider', name: record.provider }, provider: record.provider, lang: record.lang, jobId: record.jobId, previous: before.source === 'missing' ? null : before.text, fileName: file.name, documentId: file.documentId ?? null, ...(noSuggestion ? { noSuggestion } : {}) }, { inTransaction: strapi.db.inTransaction() });
      }
      return result;
    },

    /**
     * An editor approved a suggestion: as it was, it is written as the plugin's (with provenance, so
     * `fill` / `replace` treat it as generated); edited, as the editor's own. Either is told as `approved`.
     */
    async approve(file: AltTextFileRow, locale: string, locales: LocaleSet, text: string, record: GeneratedRecord | null, actor: AltTextActor): Promise<void> {
      const previous = await previousText(file.id, locale, locales);
      if (record) {
        // The editor saw what the locale holds now and chose the suggestion: it is written over it.
        const now = (await states.of([file], locales)).get(file.id)?.get(locale) ?? { text: null, source: 'missing' as const };
        await writeGeneratedText(file, locale, locales, now, text, record);
      } else if (locale !== locales.default) await texts.upsert({ fileId: file.id, locale, text, source: 'human' });
      else await writer.writeHuman(file.id, text);
      await altTextChanged(strapi, { fileId: file.id, locale, text, kind: 'approved', actor, provider: record?.provider ?? null, lang: record?.lang ?? null, jobId: record?.jobId ?? null, previous });
    },

    /** A person's text (`human`) or a CSV import's (`imported`): protected from fill runs from now on. */
    async writeByHand(fileId: number, locale: string, locales: LocaleSet, text: string, source: 'human' | 'imported', actor: AltTextActor = SYSTEM_ACTOR, kind?: AltTextChangeKind): Promise<void> {
      const previous = await previousText(fileId, locale, locales);
      if (locale !== locales.default) await texts.upsert({ fileId, locale, text, source });
      else {
        await asOwnWrite(() => strapi.db.query(FILE_UID).update({ where: { id: fileId }, data: { alternativeText: text } }));
        // A human's text is told apart by not matching the provenance; an import is recorded as one.
        if (source === 'imported') await provenance.record({ fileId, text, provider: 'csv', lang: locale, strategy: null, jobId: null, context: null, source: 'imported' });
      }
      await altTextChanged(strapi, { fileId, locale, text, kind: kind ?? (source === 'imported' ? 'imported' : 'edited'), actor, previous });
    },
  };
};
