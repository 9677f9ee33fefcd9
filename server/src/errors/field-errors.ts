import { errors } from '@strapi/utils';
import type { z } from 'zod';

/** One problem with one field of a request, at its path (the admin shows it under that field). */
export interface FieldError {
  path: string[];
  message: string;
}

export const fieldError = (key: string, message: string): FieldError => ({ path: [key], message });

/**
 * zod's issues as field errors: the one mapping every request schema and the settings service use.
 * Unknown keys get one error each at their own path (zod reports them together, at the root).
 */
export const fieldErrorsOf = (issues: z.ZodError['issues'], unknownKey = 'is not a known parameter'): FieldError[] =>
  issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path.map(String), key], message: unknownKey }))
      : [{ path: issue.path.map(String), message: issue.message }]
  );

/** Strapi's 400 ValidationError carrying every field error. */
export const invalidRequest = (fieldErrors: FieldError[], message = 'Invalid request') =>
  new errors.ValidationError(message, { errors: fieldErrors.map((error) => ({ ...error, name: 'ValidationError' })) });
