import type { Core } from '@strapi/strapi';
import type { AltTextSource } from '../../../shared/contracts/media';
import type { LocaleSet } from '../config/locales';
import type { JobReason, WriteMode } from '../models';
import { createDecorativeStore, type DecorativeRow } from './decorative';
import { readFileState } from './file-state-sql';
import { createLocaleTextStore, type LocaleTextRow } from './locale-texts';
import { isAltTextMissing } from './missing';
import { createProvenanceStore, isGeneratedText, isImportedText, type ProvenanceRow } from './provenance';
import { createSuggestionStore } from './suggestions';

/** What one locale of one image holds now, and who wrote it. */
export interface LocaleState {
  text: string | null;
  source: AltTextSource;
}

export interface AltTextFileRow {
  id: number;
  name: string;
  alternativeText?: string | null;
  documentId?: string | null;
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
  const suggestions = createSuggestionStore(strapi);

  /** The one rule, from what was read: each locale's text and who wrote it. */
  const statesOf = (files: AltTextFileRow[], locales: LocaleSet, records: Map<number, ProvenanceRow>, rows: Map<number, Map<string, LocaleTextRow>>, marks: Map<number, DecorativeRow>) => {
    const others = locales.all.filter((locale) => locale !== locales.default);
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
    return states;
  };

  const read = async (files: AltTextFileRow[], locales: LocaleSet) => {
    const ids = files.map((file) => file.id);
    const others = locales.all.filter((locale) => locale !== locales.default);
    const [records, rows, marks] = await Promise.all([provenance.forFiles(ids), others.length > 0 ? texts.forFiles(ids, others) : Promise.resolve(new Map()), decorative.forFiles(ids)]);
    return { states: statesOf(files, locales, records, rows, marks), marks };
  };

  return {
    async of(files: AltTextFileRow[], locales: LocaleSet): Promise<Map<number, Map<string, LocaleState>>> {
      return (await read(files, locales)).states;
    },

    /**
     * One image's states for a job, with its decorative row and the locales holding a suggestion
     * awaiting review. With one locale, one statement (file-state-sql.ts) instead of three.
     */
    async forJob(file: AltTextFileRow, locales: LocaleSet): Promise<{ states: Map<string, LocaleState>; mark: DecorativeRow | null; pending: Set<string> }> {
      if (locales.all.length === 1) {
        const found = await readFileState(strapi, file.id);
        const states = statesOf([file], locales, new Map(found.provenance ? [[file.id, found.provenance]] : []), new Map(), new Map(found.mark ? [[file.id, found.mark]] : []));
        return { states: states.get(file.id) ?? new Map(), mark: found.mark, pending: found.pending };
      }
      const [{ states, marks }, pending] = await Promise.all([read([file], locales), suggestions.pendingLocales(file.id)]);
      return { states: states.get(file.id) ?? new Map(), mark: marks.get(file.id) ?? null, pending };
    },
  };
};
