import type { Core } from '@strapi/strapi';
import type { WriteMode } from '../../../../shared/vocabulary';
import { createLocaleStates, mayWriteLocale } from '../../alt-text/locale-state';
import { languageOfLocale, type LocaleSet } from '../../config/locales';
import type { JobReason } from '../../models';
import type { FileSummary } from '../file-scan';

/** What a run can learn of the provider before spending: which languages it writes, and whether one call answers all. */
export interface ProviderLanguages {
  /** The provider's name (`alttextlab`): cached texts are kept per provider. */
  name: string;
  supports(lang: string): boolean;
  oneCallForAllLanguages: boolean;
}

export interface LocalePlan {
  /** Per file, the locales a job would write (owed, and in a language the provider writes). */
  writable: Map<number, string[]>;
  /** Locales owed but in a language the provider cannot write: skipped, never paid. */
  unsupported: Map<number, string[]>;
  /** Files marked decorative (every locale of the run holds its ''): covered, never sent. */
  decorative: Set<number>;
  /** Per file, how many of its writable locales hold a person's text (typed or imported): what an overwrite replaces. */
  people: Map<number, number>;
}

/** The locales a run covers: its one locale, or every locale the plugin writes. */
export const runLocales = (set: LocaleSet, locale: string | null): string[] => (locale && set.all.includes(locale) ? [locale] : set.all);

/** Provider calls for one image owing these locales. */
export const callsFor = (locales: number, provider: ProviderLanguages | undefined) => (locales === 0 ? 0 : provider?.oneCallForAllLanguages ? 1 : locales);

/**
 * Which locales of each file of a page a run would write: the same rule as the job itself
 * (`mayWriteLocale`), so an estimate counts exactly the calls the run will make.
 */
export const planPage = async (
  strapi: Core.Strapi,
  files: FileSummary[],
  input: { set: LocaleSet; locales: string[]; mode: WriteMode; reason: JobReason; provider: ProviderLanguages | undefined }
): Promise<LocalePlan> => {
  const states = await createLocaleStates(strapi).of(files, input.set);
  const plan: LocalePlan = { writable: new Map(), unsupported: new Map(), decorative: new Set(), people: new Map() };
  for (const file of files) {
    if (input.locales.every((locale) => states.get(file.id)?.get(locale)?.source === 'decorative')) plan.decorative.add(file.id);
    const owed = input.locales.filter((locale) => {
      const state = states.get(file.id)?.get(locale);
      return !!state && mayWriteLocale(state, input);
    });
    const supported = owed.filter((locale) => input.provider?.supports(languageOfLocale(locale)) !== false);
    plan.writable.set(file.id, supported);
    const people = supported.filter((locale) => ['human', 'imported'].includes(states.get(file.id)?.get(locale)?.source ?? '')).length;
    if (people > 0) plan.people.set(file.id, people);
    if (supported.length < owed.length) plan.unsupported.set(file.id, owed.filter((locale) => !supported.includes(locale)));
  }
  return plan;
};
