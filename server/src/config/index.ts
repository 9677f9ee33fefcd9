import { fieldErrorsOf } from '../errors/field-errors';
import { PLUGIN_ID } from '../utils/plugin-id';
import { DEFAULT_INLINE_MAX_BYTES } from './delivery';
import { DEFAULT_AFTER_TRANSIENT_SECONDS, pluginConfigSchema, type FallbackConfig, type PluginConfig } from './schema';

type Env = (key: string, fallback?: string) => string | undefined;

/** The environment variables the plugin reads for the fallback provider (README, "Fallback provider"). */
export const FALLBACK_ENV = {
  provider: 'ALT_TEXT_FALLBACK_PROVIDER',
  apiKey: 'ALT_TEXT_FALLBACK_API_KEY',
  baseUrl: 'ALT_TEXT_FALLBACK_BASE_URL',
  model: 'ALT_TEXT_FALLBACK_MODEL',
} as const;

/**
 * The default `fallback`: null, unless an ALT_TEXT_FALLBACK_* variable is set — then the one they
 * describe (without a provider the boot check fails, naming `fallback.provider`).
 */
export const fallbackFromEnv = (env: Env): FallbackConfig | null => {
  const values = Object.fromEntries(Object.entries(FALLBACK_ENV).map(([key, variable]) => [key, env(variable)?.trim() || undefined]));
  if (Object.values(values).every((value) => value === undefined)) return null;
  return { ...values, afterTransientSeconds: DEFAULT_AFTER_TRANSIENT_SECONDS } as FallbackConfig;
};

/**
 * Defaults read the environment so that an app with no `config` block still works:
 * ALT_TEXT_PROVIDER, ALT_TEXT_API_KEY, ALT_TEXT_BASE_URL (and ALT_TEXT_FALLBACK_*).
 */
export const defaultConfig = ({ env }: { env: Env }): PluginConfig => ({
  provider: (env('ALT_TEXT_PROVIDER') || 'alttextlab') as PluginConfig['provider'],
  apiKey: env('ALT_TEXT_API_KEY'),
  baseUrl: env('ALT_TEXT_BASE_URL'),
  lang: 'en',
  style: 'neutral',
  autoOnUpload: true,
  review: 'off',
  detectDecorative: false,
  uploadSources: 'all',
  locales: null,
  budget: { perDay: null, perMonth: null },
  entryContext: { enabled: true, waitSeconds: 0, upgrade: false, maxEntries: 3, maxChars: 600, ecommerce: {} },
  keywords: [],
  context: undefined,
  maxLength: 250,
  model: env('ALT_TEXT_MODEL'),
  promptTemplate: undefined,
  imageDelivery: 'auto',
  inlineMaxEdge: 2048,
  presignExpiresSeconds: 60,
  requestTimeoutMs: 30000,
  concurrency: 2,
  requestsPerSecond: 2,
  limitScope: 'auto',
  maxAttempts: 5,
  retryBaseMs: 2000,
  retryMaxMs: 300000,
  rateLimitWaitMs: 30000,
  maxRateLimitWaits: 10,
  shutdownGraceMs: 5000,
  leaseSeconds: 60,
  pollIntervalMs: 1000,
  jobRetentionDays: 14,
  historyRetentionDays: 365,
  creditsProbeSeconds: 300,
  fallback: fallbackFromEnv(env),
  maxImageMegabytes: 50,
  qualitySoftLimit: 125,
  cache: true,
  s3: undefined,
  signingSecret: env('ALT_TEXT_SIGNING_SECRET'),
  inlineMaxBytes: DEFAULT_INLINE_MAX_BYTES,
});

/** Turns zod's issues into one message that names the plugin and every offending key. */
export const describeConfigErrors = (config: unknown): string | undefined => {
  const parsed = pluginConfigSchema.safeParse(config);
  if (parsed.success) return undefined;
  const lines = fieldErrorsOf(parsed.error.issues, 'is not a key this plugin knows').map(
    (error) => `"${error.path.length > 0 ? error.path.join('.') : '(root)'}" ${error.message}`
  );
  return `[${PLUGIN_ID}] invalid plugin configuration: ${lines.join('; ')}`;
};

export default {
  default: defaultConfig,
  validator(config: unknown) {
    const message = describeConfigErrors(config);
    if (message) throw new Error(message);
  },
};
