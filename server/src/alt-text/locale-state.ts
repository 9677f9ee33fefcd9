import type { Core } from '@strapi/strapi';
import type { AltTextSource } from '../../../shared/contracts/media';
import type { LocaleSet } from '../config/locales';
import type { JobReason, WriteMode } from '../models';
import { createDecorativeStore } from './decorative';
import { createLocaleTextStore } from './locale-texts';
import { isAltTextMissing } from './missing';
import { createProvenanceStore, isGeneratedText, isImportedText } from './provenance';

/** What one locale of one image holds now, and who wrote it. */
export interface LocaleState {
  text: string | null;
  source: AltTextSource;
}

export interface AltTextFileRow {
  id: number;
  name: string;
  alternativeText?: string | null;
}

/**
 * Whether a job may write this locale's text: an overwrite always; a missing text always; new
 * bytes or an entry's context may refresh the plugin's own text — never a person's or an import.
 * A decorative image is never written, not even by an overwrite: an editor unmarks it first.
 */
export const mayWriteLocale = (state: LocaleState, job: { mode?: WriteMode; reason?: JobReason }): boolean =>
  state.source !== 'decorative' && (job.mode === 'overwrite' || state.source === 'missing' || ((job.reason === 'replace' || job.reason === 'context') && state.source === 'generated'));

/**
 * Every locale's state for these files: the default locale from `alternativeText` and its
 * provenance, the others from the plugin's locale table — the one rule for all of them.
 */
export const createLocaleStates = (strapi: Core.Strapi) => {
  const provenance = createProvenanceStore(strapi);
  const texts = createLocaleTextStore(strapi);
  const decorative = createDecorativeStore(strapi);

  const read = async (files: AltTextFileRow[], locales: LocaleSet) => {
      const ids = files.map((file) => file.id);
      const others = locales.all.filter((locale) => locale !== locales.default);
      const [records, rows, marks] = await Promise.all([provenance.forFiles(ids), others.length > 0 ? texts.forFiles(ids, others) : Promise.resolve(new Map()), decorative.forFiles(ids)]);
      const states = new Map<number, Map<string, LocaleState>>();
      for (const file of files) {
        const byLocale = new Map<string, LocaleState>();
        // Marked decorative: its '' (or no text yet) is the alt text. A text someone typed since wins.
        const marked = marks.get(file.id)?.status === 'marked';
        const missingOr = (missing: boolean, source: AltTextSource): AltTextSource => (missing ? (marked ? 'decorative' : 'missing') : source);
        const text = file.alternativeText ?? null;
        const record = records.get(file.id);
        const source = missingOr(isAltTextMissing(text, file.name), isGeneratedText(text, record) ? 'generated' : isImportedText(text, record) ? 'imported' : 'human');
        byLocale.set(locales.default, { text, source });
        for (const locale of others) {
          const row = rows.get(file.id)?.get(locale);
          const missing = !row || isAltTextMissing(row.text, file.name);
          byLocale.set(locale, { text: row?.text ?? null, source: missingOr(missing, row?.source ?? 'human') });
        }
        states.set(file.id, byLocale);
      }
      return { states, marks };
  };

  return {
    async of(files: AltTextFileRow[], locales: LocaleSet): Promise<Map<number, Map<string, LocaleState>>> {
      return (await read(files, locales)).states;
    },
    /** `of`, and the decorative rows it read (a job's decorative checks need no second read). */
    withMarks: read,
  };
};
