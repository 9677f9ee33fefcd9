import type { Page } from './common';
import type { QualityFlag } from './quality';

/** The media list and one image's alt text (`/auto-alt-text/media*`). */

/** Who wrote an image's alt text (in one locale): the plugin, a person, a CSV import, nobody yet — or nobody on purpose (`decorative`: alt="", covered). */
export type AltTextSource = 'generated' | 'human' | 'imported' | 'missing' | 'decorative';

export interface MediaItemView {
  id: number;
  name: string;
  mime: string;
  width: number | null;
  height: number | null;
  /** A small preview the browser can load (signed when the storage is private). */
  thumbnailUrl: string | null;
  alternativeText: string | null;
  source: AltTextSource;
  /**
   * Set while the text is still the plugin's: who wrote it (`fallback`: the fallback provider, config
   * `fallback`), in which language, and with which entry's context (none = pixels only).
   */
  generatedBy?: { provider: string; fallback?: boolean; lang: string; at: string; context: { typeName: string; title: string | null } | null };
  /** A job owes work for this file right now. */
  queued: boolean;
  /** Marked decorative (alt="" in every locale), or suggested by detection with its reason (text still missing, nothing written). */
  decorative?: { status: 'marked' | 'suggested'; reason: string | null };
  /** The locale the text and source are for (the default locale, unless the list asked for another). */
  locale: string;
  /** Quality flags of the current text in this locale ([] = checked and clean, or never checked: only texts the plugin saw change or rechecked have a result). */
  flags?: QualityFlag[];
}

/** GET /auto-alt-text/media?page=&pageSize=&filter=all|missing|generated|human|decorative|flagged&search=&locale= — `locale`: whose text and source to show (default: the default locale). */
/** The lengths an edited text is held to: longer than `maxLength` (config) is warned about, longer than `hardMaxLength` refused. */
export interface AltTextLimits {
  maxLength: number;
  hardMaxLength: number;
}

export declare namespace GetMedia {
  interface Response { data: Page<MediaItemView> & { limits: AltTextLimits } }
}

/** POST /auto-alt-text/media/:id/regenerate — overwrites this one image's alt text. */
export declare namespace RegenerateMedia {
  interface Request { body: { lang?: string | null; locale?: string | null } }
  interface Response { data: { queued: boolean } }
}

/** PUT /auto-alt-text/media/:id — a human edit; from then on the text counts as human-written. */
export declare namespace UpdateMediaAltText {
  interface Request { body: { alternativeText: string; locale?: string } }
  interface Response { data: MediaItemView }
}
