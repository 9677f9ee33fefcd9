import { z } from 'zod';
import { errors } from '@strapi/utils';
import { IMAGE_DELIVERIES, PROVIDER_NAMES, STYLES } from '../config/schema';

/** The body of PUT /settings: the editable keys (null clears an optional one) plus a write-only key. */
export const updateSettingsSchema = z
  .object({
    provider: z.enum(PROVIDER_NAMES),
    baseUrl: z.string().nullable(),
    model: z.string().nullable(),
    lang: z.string(),
    style: z.enum(STYLES),
    keywords: z.array(z.string()),
    context: z.string().nullable(),
    maxLength: z.number(),
    autoOnUpload: z.boolean(),
    concurrency: z.number(),
    requestsPerSecond: z.number(),
    imageDelivery: z.enum(IMAGE_DELIVERIES),
    apiKey: z.string().max(500),
  })
  .partial()
  .strict();
export type UpdateSettingsBody = z.infer<typeof updateSettingsSchema>;

/** The body of POST /settings/verify: the form's unsaved endpoint values and, optionally, a typed key. */
export const verifySettingsSchema = updateSettingsSchema.pick({ provider: true, baseUrl: true, model: true, apiKey: true }).strict();
export type VerifySettingsBody = z.infer<typeof verifySettingsSchema>;

export const LOCKED_MESSAGE = 'is set in config/plugins or the environment and cannot be changed here';
export const RETYPE_KEY_ON_SAVE =
  'type the key again to use it with another provider or base URL: a saved key is only sent to the endpoint it was saved for';
export const RETYPE_KEY_ON_VERIFY =
  'type the key to verify another provider or base URL: a key is only sent to the endpoint it was configured or saved for';
export const NO_ENCRYPTION_KEY =
  'cannot be saved: the app has no encryption key (set ENCRYPTION_KEY, admin.secrets.encryptionKey) to store it encrypted; or set ALT_TEXT_API_KEY instead';

export interface FieldError {
  path: string[];
  message: string;
}

export const fieldError = (key: string, message: string): FieldError => ({ path: [key], message });

/** One Strapi ValidationError carrying every field error, the shape the admin shows under each field. */
export const invalidSettings = (fieldErrors: FieldError[]) =>
  new errors.ValidationError('Invalid settings', {
    errors: fieldErrors.map((error) => ({ ...error, name: 'ValidationError' })),
  });

/** zod's issues as field errors, one per unknown key at that key's path (zod reports them together, at the root). */
export const fieldErrorsOf = (issues: z.ZodError['issues']): FieldError[] =>
  issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path.map(String), key], message: 'is not a setting that can be changed' }))
      : [{ path: issue.path.map(String), message: issue.message }]
  );
