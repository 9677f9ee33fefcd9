import { isFetchError } from '@strapi/strapi/admin';

export type FieldErrors = Partial<Record<string, string>>;

interface ValidationIssue {
  path?: Array<string | number>;
  message?: string;
}

/** Strapi's ValidationError (`error.details.errors[]` with `path` arrays) as `{ field: message }`. */
export const fieldErrorsOf = (error: unknown): FieldErrors => {
  if (!isFetchError(error)) return {};
  const details = error.response?.data?.error?.details as { errors?: ValidationIssue[] } | undefined;
  const errors: FieldErrors = {};
  for (const issue of details?.errors ?? []) {
    const field = issue.path?.[0];
    if (field !== undefined && issue.message && !errors[String(field)]) errors[String(field)] = issue.message;
  }
  return errors;
};

/** The server's message for a failed call, for a notification. */
export const errorMessageOf = (error: unknown): string | undefined => {
  if (isFetchError(error)) return error.response?.data?.error?.message ?? error.message;
  return error instanceof Error ? error.message : undefined;
};
