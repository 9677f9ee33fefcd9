import * as React from 'react';
import { useSearchParams } from 'react-router-dom';
import type { GetLocales, LocaleView } from '../../../shared/contracts/locales';
import { queryKeys } from '../utils/queryKeys';
import { usePluginQuery } from './usePluginApi';

export interface PluginLocales {
  /** The locales the plugin writes, the default first; empty while loading. */
  locales: LocaleView[];
  defaultLocale: LocaleView | null;
  /** More than one locale: only then does the admin show locale choices (`locales: null` writes one). */
  multi: boolean;
  nameOf: (code: string) => string;
}

/** The locales the plugin writes (config `locales`); they change only when i18n's do, so they are read once a minute at most. */
export const useLocales = (): PluginLocales & { isLoading: boolean } => {
  const query = usePluginQuery<GetLocales.Response>(queryKeys.locales, 'locales', { staleTime: 60_000 });
  const locales = query.data?.locales ?? [];
  return {
    locales,
    defaultLocale: locales.find((locale) => locale.isDefault) ?? locales[0] ?? null,
    multi: locales.length > 1,
    nameOf: (code) => locales.find((locale) => locale.code === code)?.name ?? code,
    isLoading: query.isLoading,
  };
};

/**
 * The locale a page shows, kept in the URL (`?locale=fr`) so a reload keeps it: null when the
 * plugin writes one locale; the default when the URL names none, or one the plugin does not write.
 */
export const useLocaleParam = (): [string | null, (code: string) => void] => {
  const { locales, defaultLocale, multi } = useLocales();
  const [params, setParams] = useSearchParams();
  const asked = params.get('locale');
  const locale = !multi ? null : locales.some((candidate) => candidate.code === asked) ? asked : (defaultLocale?.code ?? null);
  const choose = (code: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (code === defaultLocale?.code) next.delete('locale');
        else next.set('locale', code);
        return next;
      },
      { replace: true }
    );
  return [locale, choose];
};

/** "All locales" in a run's locale choice (the request's `locale: null`). */
export const ALL_LOCALES = '*';

export interface RunLocaleChoice {
  /** The select's value: `ALL_LOCALES` or a code. */
  choice: string;
  setChoice: (value: string) => void;
  /** The request's `locale`: null for every locale the plugin writes. */
  locale: string | null;
  /** The locales the run would write, for the estimate; undefined when the plugin writes one. */
  targeted: LocaleView[] | undefined;
  plugin: ReturnType<typeof useLocales>;
}

/** A bulk run's target: every locale (the default choice) or one. */
export const useRunLocaleChoice = (): RunLocaleChoice => {
  const plugin = useLocales();
  const [choice, setChoice] = React.useState(ALL_LOCALES);
  const locale = choice === ALL_LOCALES ? null : choice;
  const targeted = !plugin.multi ? undefined : locale === null ? plugin.locales : plugin.locales.filter((candidate) => candidate.code === locale);
  return { choice, setChoice, locale, targeted, plugin };
};
