/** Shapes every resource of the admin API shares. */

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  /** More rows match than `total`, which is where counting stopped (the media list counts at most 10 000 past the page). */
  totalIsLowerBound?: boolean;
}

/**
 * What is wrong with one field, as a stable code the admin translates with its `params`
 * (`{ code: 'tooBig', params: { max: 32 } }`). zod's checks map onto the first group; the rest are
 * the plugin's own rules.
 */
export type FieldErrorCode =
  | 'tooBig' | 'tooSmall' | 'tooLong' | 'tooShort' | 'tooMany' | 'tooFew'
  | 'notInteger' | 'wrongType' | 'notOneOf' | 'invalidFormat' | 'unknownKey' | 'invalid'
  | 'locked' | 'retypeKeyOnSave' | 'retypeKeyOnVerify' | 'noEncryptionKey'
  | 'invalidBaseUrl' | 'modelRequired' | 'invalidLanguageCode' | 'unknownLanguage' | 'unsupportedLanguage';

export type FieldErrorParams = Record<string, string | number>;

/**
 * One entry of a 400's `error.details.errors[]` (Strapi's ValidationError): `path` and `message`
 * (English, for API users) as Strapi has them, plus `code` and `params` for a translated text.
 */
export interface FieldErrorDetail {
  path: string[];
  message: string;
  name?: string;
  code?: FieldErrorCode;
  params?: FieldErrorParams;
}
