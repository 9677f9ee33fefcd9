import { errors } from '@strapi/utils';
import type { z } from 'zod';

/**
 * Parses a request part with its schema, or throws Strapi's 400 ValidationError with one entry per
 * problem, at its path (the admin shows them next to the fields). Unknown keys are refused by the
 * schemas themselves (`strict`), so nothing silently falls back to a default.
 */
export const validate = <Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> => {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  throw new errors.ValidationError('Invalid request', {
    errors: parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: [...issue.path.map(String), key], message: 'is not a known parameter', name: 'ValidationError' }))
        : [{ path: issue.path.map(String), message: issue.message, name: 'ValidationError' }]
    ),
  });
};
