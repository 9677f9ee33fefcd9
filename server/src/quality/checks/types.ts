import type { QualityFlag } from '../../../../shared/contracts/quality';

export type { QualityFlag, QualityFlagCode } from '../../../../shared/contracts/quality';

/** What the offline checks know about a text: the text, the language it should be in, the file's name, the soft limit. */
export interface CheckInput {
  text: string;
  /** The language asked for (a generated text's `lang`) or the locale's language: "en", "fr", "pt-br". */
  lang: string;
  /** The file's name in the Media Library ("IMG_2041.jpg"); null when unknown. */
  fileName: string | null;
  /** `qualitySoftLimit`: longer texts are flagged, never cut. */
  softLimit: number;
}

/** One check: a flag, or null when the text passes. Pure and synchronous: no database, no network. */
export type Check = (input: CheckInput) => QualityFlag | null;

/** Words as a reader sees them: letters and digits of any script, lower-cased. */
export const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
