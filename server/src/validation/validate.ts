import type { z } from 'zod';
import { fieldErrorsOf, invalidRequest } from '../errors/field-errors';

/**
 * Parses a request part with its schema, or throws Strapi's 400 ValidationError with one entry per
 * problem, at its path. Unknown keys are refused by the schemas themselves (`strict`), so nothing
 * silently falls back to a default.
 */
export const validate = <Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> => {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw invalidRequest(fieldErrorsOf(parsed.error.issues));
};
