import { errors } from '@strapi/utils';
import type { z } from 'zod';
import type { FieldErrorCode, FieldErrorDetail, FieldErrorParams } from '../../../shared/contracts/common';

export type { FieldErrorCode, FieldErrorParams } from '../../../shared/contracts/common';

/**
 * One problem with one field of a request, at its path (the admin shows it under that field):
 * English `message` for API users and logs, `code` and `params` for a translated text.
 */
export type FieldError = Omit<FieldErrorDetail, 'name'>;

export const fieldError = (key: string, code: FieldErrorCode, message: string, params?: FieldErrorParams): FieldError => ({
  path: [key],
  message,
  code,
  ...(params ? { params } : {}),
});

/**
 * A check of the plugin's own (a `refine`, a `superRefine`) names its code through zod's `params`:
 * `{ message, params: { code: 'unknownLanguage', lang } }`.
 */
export const codedIssue = (code: FieldErrorCode, params: FieldErrorParams = {}) => ({ code, ...params });

type Issue = z.ZodError['issues'][number];

const SIZE_CODES = {
  too_big: { number: 'tooBig', string: 'tooLong', array: 'tooMany' },
  too_small: { number: 'tooSmall', string: 'tooShort', array: 'tooFew' },
} as const;

const limitOf = (value: number | bigint) => Number(value);

/** zod's issue as a code and its parameters (never the value sent: it may be long, or a key). */
const codeOf = (issue: Issue): { code: FieldErrorCode; params?: FieldErrorParams } => {
  switch (issue.code) {
    case 'too_big': {
      const code = SIZE_CODES.too_big[issue.origin as keyof typeof SIZE_CODES.too_big] ?? 'tooBig';
      return { code, params: { max: limitOf(issue.maximum) } };
    }
    case 'too_small': {
      const code = SIZE_CODES.too_small[issue.origin as keyof typeof SIZE_CODES.too_small] ?? 'tooSmall';
      return { code, params: { min: limitOf(issue.minimum) } };
    }
    case 'invalid_type':
      return issue.expected === 'int' ? { code: 'notInteger' } : { code: 'wrongType', params: { expected: issue.expected } };
    case 'invalid_value':
      return { code: 'notOneOf', params: { options: issue.values.map(String).join(', ') } };
    case 'invalid_format':
      return { code: 'invalidFormat', params: { format: issue.format } };
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as { code?: FieldErrorCode } & FieldErrorParams;
      return code ? { code, ...(Object.keys(params).length > 0 ? { params } : {}) } : { code: 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
};

/**
 * zod's issues as field errors: the one mapping every request schema and the settings service use.
 * Unknown keys get one error each at their own path (zod reports them together, at the root).
 */
export const fieldErrorsOf = (issues: z.ZodError['issues'], unknownKey = 'is not a known parameter'): FieldError[] =>
  issues.flatMap((issue): FieldError[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path.map(String), key], message: unknownKey, code: 'unknownKey' }))
      : [{ path: issue.path.map(String), message: issue.message, ...codeOf(issue) }]
  );

/** Strapi's 400 ValidationError carrying every field error. */
export const invalidRequest = (fieldErrors: FieldError[], message = 'Invalid request') =>
  new errors.ValidationError(message, { errors: fieldErrors.map((error) => ({ ...error, name: 'ValidationError' })) });
