import { isFetchError } from '@strapi/strapi/admin';
import type { FieldErrorDetail } from '../../../shared/contracts/common';

/** One field's problem as the server reported it: its English `message`, and a `code` with `params` to translate. */
export type FieldIssue = Pick<FieldErrorDetail, 'message' | 'code' | 'params'>;

export type FieldErrors = Partial<Record<string, FieldIssue>>;

/**
 * Strapi's ValidationError (`error.details.errors[]` with `path` arrays) as `{ field: issue }`,
 * under every prefix of the path: `keywords.3` is an error of `keywords`, `entryContext.waitSeconds` one of its own field.
 */
export const fieldErrorsOf = (error: unknown): FieldErrors => {
  if (!isFetchError(error)) return {};
  const details = error.response?.data?.error?.details as { errors?: Array<Partial<FieldErrorDetail>> } | undefined;
  const errors: FieldErrors = {};
  for (const { path = [], message, code, params } of details?.errors ?? []) {
    const fields = path.map(String);
    for (let length = 1; length <= fields.length; length += 1) {
      const field = fields.slice(0, length).join('.');
      if (message && !errors[field]) errors[field] = { message, code, params };
    }
  }
  return errors;
};

/** The server's message for a failed call, for a notification. */
export const errorMessageOf = (error: unknown): string | undefined => {
  if (isFetchError(error)) return error.response?.data?.error?.message ?? error.message;
  return error instanceof Error ? error.message : undefined;
};
