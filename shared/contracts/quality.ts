/** Quality flags: deterministic, offline checks on an image's alt text in one locale (issue 15). */

/** What a check can find wrong with a text; the admin translates each code. */
export const QUALITY_FLAG_CODES = ['TOO_LONG', 'REDUNDANT_PREFIX', 'FILE_NAME', 'REPEATED_WORDS', 'DUPLICATE', 'WRONG_LANGUAGE', 'URL_OR_HTML'] as const;
export type QualityFlagCode = (typeof QUALITY_FLAG_CODES)[number];

/** One flag: its code and a short reason in English with the evidence ("142 characters (soft limit 125)"). */
export interface QualityFlag {
  code: QualityFlagCode;
  reason: string;
}

/** POST /auto-alt-text/quality/recheck — checks every current text again (no provider call, no credit). */
export declare namespace RecheckQuality {
  interface Response { data: { checked: number; flagged: number } }
}
