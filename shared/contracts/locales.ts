/** The locales the plugin writes alt text in (`/auto-alt-text/locales`). */

export interface LocaleView {
  code: string;
  /** From Strapi's i18n plugin when it knows the code, else the code. */
  name: string;
  /** The locale whose text is also written to `alternativeText`. */
  isDefault: boolean;
}

/** GET /auto-alt-text/locales */
export declare namespace GetLocales {
  interface Response { data: { locales: LocaleView[] } }
}
