import { z } from 'zod';

export const PROVIDER_NAMES = ['alttextlab', 'alttextai', 'openai'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export const STYLES = ['descriptive', 'neutral', 'matter-of-fact', 'minimal'] as const;
export type Style = (typeof STYLES)[number];

export const IMAGE_DELIVERIES = ['auto', 'presigned', 'signed', 'public', 'inline'] as const;
export type ImageDeliveryMode = (typeof IMAGE_DELIVERIES)[number];

/** `env('X')` yields '' for `X=` in a .env file: treat that as "not set", not as a value. */
const optionalString = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().optional()
);

const httpUrl = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z
    .string()
    .refine((value) => /^https?:\/\/[^\s]+$/i.test(value) && URL.canParse(value), {
      message: 'must be an absolute http(s) URL',
    })
    .optional()
);

/**
 * The plugin's public configuration (`config/plugins.ts` → `'auto-alt-text'.config`).
 * One schema gives both the boot-time check and the type.
 */
export const pluginConfigSchema = z
  .object({
    provider: z.enum(PROVIDER_NAMES),
    apiKey: optionalString,
    baseUrl: httpUrl,
    lang: z
      .string()
      .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i, 'must be a language code such as "en", "de" or "en-gb"'),
    style: z.enum(STYLES),
    autoOnUpload: z.boolean(),
    /** Hints passed to the provider (AltTextLab `keywords`, the OpenAI prompt); not guaranteed to appear. */
    keywords: z.array(z.string().min(1).max(100)).max(20),
    /** Free text about the site ("an outdoor-gear shop"), given to providers that take a prompt. */
    context: optionalString,
    /** Longest alt text kept; longer answers are cut at a word boundary. */
    maxLength: z.number().int().min(20).max(2000),
    /** OpenAI-compatible providers only: the vision model to ask. */
    model: optionalString,
    /** OpenAI-compatible providers only: the prompt, with {lang} {style} {keywords} {context} {fileName} placeholders. */
    promptTemplate: optionalString,
    /** How the provider reaches the bytes; `auto` picks per file (see README). */
    imageDelivery: z.enum(IMAGE_DELIVERIES),
    /** Inline images are downscaled so their longest edge is at most this many pixels. */
    inlineMaxEdge: z.number().int().min(256).max(8192),
    /** Lifetime of any URL handed to the provider (presigned or plugin-signed). Short: it is a bearer credential. */
    presignExpiresSeconds: z.number().int().min(1).max(3600),
    /** How long one provider call may take before it counts as a timeout. */
    requestTimeoutMs: z.number().int().min(1000).max(300000),
  })
  .strict();

export type PluginConfig = z.infer<typeof pluginConfigSchema>;
