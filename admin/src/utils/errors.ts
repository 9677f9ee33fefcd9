import { isFetchError } from '@strapi/strapi/admin';

export type FieldErrors = Partial<Record<string, string>>;

interface ValidationIssue {
  path?: Array<string | number>;
  message?: string;
}

/**
 * Strapi's ValidationError (`error.details.errors[]` with `path` arrays) as `{ field: message }`,
 * under every prefix of the path: `keywords.3` is an error of `keywords`, `entryContext.waitSeconds` one of its own field.
 */
export const fieldErrorsOf = (error: unknown): FieldErrors => {
  if (!isFetchError(error)) return {};
  const details = error.response?.data?.error?.details as { errors?: ValidationIssue[] } | undefined;
  const errors: FieldErrors = {};
  for (const issue of details?.errors ?? []) {
    const path = (issue.path ?? []).map(String);
    for (let length = 1; length <= path.length; length += 1) {
      const field = path.slice(0, length).join('.');
      if (issue.message && !errors[field]) errors[field] = issue.message;
    }
  }
  return errors;
};

/** The server's message for a failed call, for a notification. */
export const errorMessageOf = (error: unknown): string | undefined => {
  if (isFetchError(error)) return error.response?.data?.error?.message ?? error.message;
  return error instanceof Error ? error.message : undefined;
};
