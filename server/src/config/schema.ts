import { z } from 'zod';
import { deliverySettingsShape } from './delivery';
import { codedIssue } from '../errors/field-errors';
import { isKnownLanguage } from '../../../shared/languages';

import { IMAGE_DELIVERIES, LANGUAGE_CODE, LANGUAGE_CODE_RULE, LOCALE_CODE, PROVIDER_NAMES, REVIEW_MODES, STYLES, UPLOAD_SOURCES } from '../../../shared/vocabulary';

export { IMAGE_DELIVERIES, PROVIDER_NAMES, STYLES, UPLOAD_SOURCES } from '../../../shared/vocabulary';

/** Where `concurrency` and `requestsPerSecond` hold: across every replica on the database, in each process, or `auto` (by database). */
export const LIMIT_SCOPES = ['auto', 'cluster', 'process'] as const;
export type { ImageDeliveryMode, ProviderName, Style, UploadSource } from '../../../shared/vocabulary';

/** `env('X')` yields '' for `X=` in a .env file: treat that as "not set", not as a value. */
const optionalString = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().optional()
);

export const BASE_URL_RULE = 'must be an absolute http(s) URL with no user name or password, no query (?…) and no fragment (#…)';

/**
 * Where the API key and the images are sent. A `?` or `#` tail would turn every API path the
 * adapters append into a query or a fragment of an arbitrary URL, and userinfo would carry a
 * credential of its own: none of them has a use here.
 */
export const isAcceptableBaseUrl = (value: string): boolean => {
  if (!/^https?:\/\/[^\s]+$/i.test(value) || !URL.canParse(value) || /[?#]/.test(value)) return false;
  const url = new URL(value);
  return url.username === '' && url.password === '';
};

export const baseUrlSchema = z.string().refine(isAcceptableBaseUrl, { message: BASE_URL_RULE, params: codedIssue('invalidBaseUrl') });

/** Longer than any real code ("zh-hant-hk"); a bound before the code is named back in an error. */
const MAX_LANGUAGE_CODE_CHARS = 35;

/**
 * `lang`: a language code whose language is known (shared/languages.ts), so `xx` is refused where
 * it is set instead of reaching the provider; `pt-br` or `zh-Hans` are codes of known languages.
 */
export const languageSchema = z.string().superRefine((value, context) => {
  if (value.length > MAX_LANGUAGE_CODE_CHARS || !LANGUAGE_CODE.test(value)) {
    context.addIssue({ code: 'custom', message: LANGUAGE_CODE_RULE, params: codedIssue('invalidLanguageCode') });
  } else if (!isKnownLanguage(value)) {
    context.addIssue({ code: 'custom', message: `"${value}" is not a known language code (ISO 639-1, e.g. "en", "de" or "pt-br")`, params: codedIssue('unknownLanguage', { lang: value }) });
  }
});

const httpUrl = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  baseUrlSchema.optional()
);

/** What `fallback.afterTransientSeconds` defaults to: ten minutes of 5xx answers or timeouts. */
export const DEFAULT_AFTER_TRANSIENT_SECONDS = 600;

/**
 * The provider jobs go to when the primary cannot take them (README, "Fallback provider"). Set in
 * config/plugins or the environment only, never from the admin: its key is sent to its own
 * provider and base URL and nowhere else, and the primary's key never goes there (no key here
 * means no key, not the primary's).
 */
export const fallbackSchema = z
  .object({
    provider: z.enum(PROVIDER_NAMES),
    apiKey: optionalString,
    baseUrl: httpUrl,
    /** OpenAI-compatible only: the vision model to ask (required then, as for the primary). */
    model: optionalString,
    /** How long the primary must have been failing transiently (5xx, timeouts) before jobs go to the fallback; also how long they stay there before the primary is tried again. */
    afterTransientSeconds: z.number().int().min(1).max(86400).default(DEFAULT_AFTER_TRANSIENT_SECONDS),
  })
  .strict()
  .superRefine((fallback, context) => {
    if (fallback.provider === 'openai' && !fallback.model) {
      context.addIssue({ code: 'custom', path: ['model'], message: 'is required when the fallback provider is "openai" (the vision model to ask, e.g. "gpt-4o-mini")', params: codedIssue('modelRequired') });
    }
  });
export type FallbackConfig = z.infer<typeof fallbackSchema>;

const ECOMMERCE_FIELDS = ['product', 'brand', 'color', 'material'] as const;

/**
 * When and how much of the entries that use an image reach the provider. `ecommerce` maps a
 * content type's fields onto AltTextLab's `ecommerce` object: `{ 'api::product.product': { product: 'name', brand: 'brand' } }`.
 */
export const entryContextSchema = z
  .object({
    /** Describe images with the context of the entries that use them (bulk runs, Regenerate, uploads that waited). */
    enabled: z.boolean().default(true),
    /** An uploaded image waits this long before it is described, so the entry being written around it can be saved first. */
    waitSeconds: z.number().int().min(0).max(3600).default(0),
    /** When an entry is saved that uses an image described without entry context, describe it once more with it. */
    upgrade: z.boolean().default(false),
    /** At most this many entries per image reach the provider (the others are counted, not sent). */
    maxEntries: z.number().int().min(1).max(10).default(3),
    /** At most this many characters of context per image. */
    maxChars: z.number().int().min(100).max(4000).default(600),
    ecommerce: z
      .record(z.string().regex(/^[a-z0-9-]+::[a-z0-9-]+\.[a-z0-9-]+$/i, 'must be a content type uid such as "api::product.product"'), z.object(Object.fromEntries(ECOMMERCE_FIELDS.map((key) => [key, z.string().min(1).optional()]))).strict())
      .default({}),
  })
  .strict();
export type EntryContextConfig = z.infer<typeof entryContextSchema>;

const creditLimit = z.number().int().min(1).max(100_000_000).nullable().default(null);

/**
 * Credits the plugin may spend per UTC day and per UTC calendar month, across every replica (counted
 * in the database); null = no limit. Reached, the queue pauses until the period ends (README, "Budget and spending").
 */
export const budgetSchema = z.object({ perDay: creditLimit, perMonth: creditLimit }).strict().default({ perDay: null, perMonth: null });
export type BudgetConfig = z.infer<typeof budgetSchema>;

/**
 * The plugin's public configuration (`config/plugins.ts` → `'auto-alt-text'.config`).
 * One schema gives both the boot-time check and the type.
 */
export const pluginConfigSchema = z
  .object({
    provider: z.enum(PROVIDER_NAMES),
    apiKey: optionalString,
    baseUrl: httpUrl,
    lang: languageSchema,
    style: z.enum(STYLES),
    autoOnUpload: z.boolean(),
    /**
     * The locales alt text is written in: null = only `lang`; a list of locale codes; 'i18n' = every locale of Strapi's i18n
     * plugin, following changes. The default locale's text is also written to `alternativeText`.
     */
    locales: z.union([z.null(), z.literal('i18n'), z.array(z.string().regex(LOCALE_CODE, 'must be a locale code such as "en", "fr" or "pt-BR"')).min(1).max(30)]),
    /** Alt text that fits where the image is used: the entries that hold it (see README, "Entry context"). */
    entryContext: entryContextSchema,
    /** Credits per UTC day / month, shared by every replica; reached, the queue pauses until the next period. */
    budget: budgetSchema,
    /** Review before publish: generated text is held as a suggestion for an editor (`new`: when the image had none; `all`: always). */
    review: z.enum(REVIEW_MODES),
    /** Which uploads `autoOnUpload` describes: `'all'` or a list of sources (a site with public uploads can leave strangers out). */
    uploadSources: z.union([z.literal('all'), z.array(z.enum(UPLOAD_SOURCES)).max(UPLOAD_SOURCES.length)]),
    /** Hints passed to the provider (AltTextLab `keywords`, the OpenAI prompt); not guaranteed to appear. */
    keywords: z.array(z.string().min(1).max(100)).max(20),
    /** Free text about the site ("an outdoor-gear shop"), given to providers that take a prompt. */
    context: optionalString,
    /** Longest alt text kept; longer answers are cut at a word boundary. */
    maxLength: z.number().int().min(20).max(2000),
    /** OpenAI-compatible providers only: the vision model to ask. */
    model: optionalString,
    /** OpenAI-compatible providers only: the prompt, with {lang} {style} {keywords} {context} {fileName} and the entry context's {entryContext} {entryType} {entryTitle} {nearbyText} {linkUrl} {seoKeywords} placeholders (see README). */
    promptTemplate: optionalString,
    /** How the provider reaches the bytes; `auto` picks per file (see README). */
    imageDelivery: z.enum(IMAGE_DELIVERIES),
    /** Inline images are downscaled so their longest edge is at most this many pixels. */
    inlineMaxEdge: z.number().int().min(256).max(8192),
    /** Lifetime of any URL handed to the provider (presigned or plugin-signed). Short: it is a bearer credential. */
    presignExpiresSeconds: z.number().int().min(1).max(3600),
    /** How long one provider call may take before it counts as a timeout. */
    requestTimeoutMs: z.number().int().min(1000).max(300000),
    /** Provider calls in flight at once: across every replica on the database, or per process (`limitScope`). */
    concurrency: z.number().int().min(1).max(32),
    /** Provider calls started per second, across every replica or per process (`limitScope`); 0 = no limit. */
    requestsPerSecond: z.number().min(0).max(100),
    /**
     * 'cluster': `concurrency` and `requestsPerSecond` hold across every Strapi process on the
     * database (coordinated through it: a few statements a call); 'process': each process has its
     * own; 'auto': cluster on PostgreSQL and MySQL/MariaDB (where replicas run), process on SQLite
     * (one file, in practice one process, where each coordinating statement is a commit of its own).
     */
    limitScope: z.enum(LIMIT_SCOPES),
    /** Attempts per image for transient failures (5xx, timeouts) before it is marked failed. */
    maxAttempts: z.number().int().min(1).max(20),
    /** First retry delay; doubles per attempt (with jitter) up to retryMaxMs. */
    retryBaseMs: z.number().int().min(10).max(600000),
    retryMaxMs: z.number().int().min(10).max(3600000),
    /** Wait after a 429 that carries no Retry-After. */
    rateLimitWaitMs: z.number().int().min(10).max(3600000),
    /** 429s one image may wait out; the next fails it with a readable reason instead of waiting forever. */
    maxRateLimitWaits: z.number().int().min(0).max(1000),
    /** At shutdown, how long provider calls in flight may take to finish before they are aborted and queued again. */
    shutdownGraceMs: z.number().int().min(0).max(600000),
    /** A job held by a replica that stops renewing it (crash) is taken over after this long. */
    leaseSeconds: z.number().int().min(2).max(3600),
    /** How often an idle worker looks for work enqueued by other replicas and for due retries. */
    pollIntervalMs: z.number().int().min(20).max(60000),
    /** Finished jobs older than this are pruned (daily, and at startup). */
    jobRetentionDays: z.number().int().min(1).max(3650),
    /** Alt-text versions older than this are pruned with the jobs (never an image's current one); 0 = kept forever. */
    historyRetentionDays: z.number().int().min(0).max(36500),
    /** While paused for OUT_OF_CREDITS, check the balance this often and resume when credits return; 0 = never. */
    creditsProbeSeconds: z.number().int().min(0).max(86400),
    /** Where jobs go when the primary is out of credits, refuses its key or keeps failing (README, "Fallback provider"); null = nowhere, the queue pauses. */
    fallback: fallbackSchema.nullable(),
    /** Before the paid call, suggest spacer-like (≤16 px, 1-px lines) and flat-colour images as decorative instead of describing them (README, "Decorative images"). */
    detectDecorative: z.boolean(),
    /** Images larger than this are skipped by bulk runs (and reported as such). */
    maxImageMegabytes: z.number().min(1).max(1024),
    /** Quality flags: alt text longer than this is flagged TOO_LONG (never cut; `maxLength` cuts). */
    qualitySoftLimit: z.number().int().min(20).max(2000),
    /** Never pay twice for the same pixels: a text the provider wrote is reused for the same bytes asked the same way (README, "Never paying twice"). */
    cache: z.boolean(),
    /** `s3` (the plugin's own S3 access), `signingSecret`, `inlineMaxBytes`: see image-source/settings.ts. */
    ...deliverySettingsShape,
  })
  .strict()
  .superRefine((config, context) => {
    if (config.provider === 'openai' && !config.model) {
      context.addIssue({ code: 'custom', path: ['model'], message: 'is required when provider is "openai" (the vision model to ask, e.g. "gpt-4o-mini")', params: codedIssue('modelRequired') });
    }
  });

export type PluginConfig = z.infer<typeof pluginConfigSchema>;
