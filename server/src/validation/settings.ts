import { z } from 'zod';
import { fieldError, fieldErrorsOf, invalidRequest, type FieldError } from '../errors/field-errors';
import { IMAGE_DELIVERIES, PROVIDER_NAMES, STYLES, type PluginConfig } from '../config/schema';
import { providerWritesIn } from '../../../shared/languages';
import { REVIEW_MODES, type ProviderName } from '../../../shared/vocabulary';

export { fieldError, type FieldError } from '../errors/field-errors';

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
    detectDecorative: z.boolean(),
    concurrency: z.number(),
    requestsPerSecond: z.number(),
    imageDelivery: z.enum(IMAGE_DELIVERIES),
    /** Some of the options an admin may change; the bounds are the config schema's, checked on the merged result. */
    entryContext: z.object({ enabled: z.boolean(), waitSeconds: z.number(), upgrade: z.boolean() }).partial().strict(),
    apiKey: z.string().max(500),
    review: z.enum(REVIEW_MODES),
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

/** The settings' own rules, each a field error with its code (the admin translates it; `message` stays English for API users). */
export const lockedError = (path: string[]): FieldError => ({ path, message: LOCKED_MESSAGE, code: 'locked' });
export const retypeKeyOnSave = () => fieldError('apiKey', 'retypeKeyOnSave', RETYPE_KEY_ON_SAVE);
export const retypeKeyOnVerify = () => fieldError('apiKey', 'retypeKeyOnVerify', RETYPE_KEY_ON_VERIFY);
export const noEncryptionKey = () => fieldError('apiKey', 'noEncryptionKey', NO_ENCRYPTION_KEY);

const PROVIDER_TITLES: Record<ProviderName, string> = { alttextlab: 'AltTextLab', alttextai: 'AltTextAI', openai: 'An OpenAI-compatible provider' };

/**
 * A language the provider does not write in (AltTextAI's twelve) is refused when the request
 * changes the provider or the language; a combination fixed in config/plugins is left alone
 * (generation skips such images with a reason).
 */
export const languageErrors = (config: Pick<PluginConfig, 'provider' | 'lang'>, changed: boolean): FieldError[] =>
  changed && !providerWritesIn(config.provider, config.lang)
    ? [fieldError('lang', 'unsupportedLanguage', `${PROVIDER_TITLES[config.provider]} does not write in "${config.lang}"`, { lang: config.lang, provider: config.provider })]
    : [];

/** One Strapi ValidationError carrying every field error of a settings request. */
export const invalidSettings = (fieldErrors: FieldError[]) => invalidRequest(fieldErrors, 'Invalid settings');

/** Settings' own wording for an unknown key. */
export const settingsFieldErrorsOf = (issues: z.ZodError['issues']): FieldError[] => fieldErrorsOf(issues, 'is not a setting that can be changed');
