import type { QualityFlag } from '../../../../shared/contracts/quality';
import { fileName } from './file-name';
import { redundantPrefix } from './redundant-prefix';
import { repeatedWords } from './repeated-words';
import { tooLong } from './too-long';
import type { Check, CheckInput } from './types';
import { urlOrHtml } from './url-or-html';
import { wrongLanguage } from './wrong-language';

export type { CheckInput } from './types';

/** Every offline check, in the order its flag is listed. DUPLICATE needs the database: see quality/store.ts. */
const CHECKS: readonly Check[] = [tooLong, redundantPrefix, fileName, repeatedWords, wrongLanguage, urlOrHtml];

/** The flags of one text; an empty text (a decorative image) has none. */
export const checkText = (input: CheckInput): QualityFlag[] =>
  input.text.trim() === '' ? [] : CHECKS.flatMap((check) => check(input) ?? []);
