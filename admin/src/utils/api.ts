import { isFetchError } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../pluginId';

/** Admin routes live under `/<plugin id>`; the fetch client adds the host and the admin JWT. */
export const apiPath = (path: string) => `/${PLUGIN_ID}/${path}`;

/** Query keys, one root per resource so a mutation can invalidate exactly what it changed. */
export const queryKeys = {
  all: [PLUGIN_ID] as const,
  settings: [PLUGIN_ID, 'settings'] as const,
  status: [PLUGIN_ID, 'status'] as const,
  credits: [PLUGIN_ID, 'credits'] as const,
  run: (id: number) => [PLUGIN_ID, 'runs', id] as const,
  failures: (params: object) => [PLUGIN_ID, 'failures', params] as const,
  failuresRoot: [PLUGIN_ID, 'failures'] as const,
  media: (params: object) => [PLUGIN_ID, 'media', params] as const,
  mediaRoot: [PLUGIN_ID, 'media'] as const,
};

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
