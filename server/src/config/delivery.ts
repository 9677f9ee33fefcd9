import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { PLUGIN_ID } from '../utils/plugin-id';

/**
 * Delivery settings that are not (yet) in the plugin's config schema. They are read here, from the
 * raw plugin config, and validated on their own, so the schema can adopt them later unchanged
 * (`pluginConfigSchema.extend(deliverySettingsShape)`); until then an invalid value is ignored with
 * a warning rather than failing boot.
 */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(blankToUndefined, z.string().optional());

/** The plugin's own S3 access, for setups whose upload provider cannot presign (or is not aws-s3). */
export const ownS3SettingsSchema = z
  .object({
    bucket: z.string().min(1),
    region: z.preprocess(blankToUndefined, z.string().min(1).default('us-east-1')),
    endpoint: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { message: 'must be an absolute http(s) URL' })
        .optional()
    ),
    forcePathStyle: z.boolean().default(false),
    /** Both or neither; neither means the AWS default chain (env, profile, instance role). */
    accessKeyId: optionalString,
    secretAccessKey: optionalString,
    sessionToken: optionalString,
    /** The upload provider's `rootPath`: the key prefix of every object. */
    rootPath: optionalString,
  })
  .strict()
  .refine((s3) => !!s3.accessKeyId === !!s3.secretAccessKey, { message: 'accessKeyId and secretAccessKey go together' });

export type OwnS3Settings = z.infer<typeof ownS3SettingsSchema>;

export const DEFAULT_INLINE_MAX_BYTES = 32 * 1024 * 1024;

export const deliverySettingsShape = {
  s3: ownS3SettingsSchema.optional(),
  /** Key for plugin-signed URLs; derived from the app's APP_KEYS when absent. */
  signingSecret: z.preprocess(blankToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  /** Stored images bigger than this are refused for inline delivery before any decoding. */
  inlineMaxBytes: z.number().int().min(1024 * 1024).max(256 * 1024 * 1024).default(DEFAULT_INLINE_MAX_BYTES),
};

const deliverySettingsSchema = z.object(deliverySettingsShape);
export type DeliverySettings = z.infer<typeof deliverySettingsSchema>;

/** Parses each key on its own so one bad value does not discard the others. */
export const parseDeliverySettings = (
  raw: unknown,
  warn: (message: string) => void = () => undefined
): DeliverySettings => {
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const pick = <Key extends keyof typeof deliverySettingsShape>(key: Key): DeliverySettings[Key] => {
    const parsed = deliverySettingsShape[key].safeParse(source[key]);
    if (parsed.success) return parsed.data as DeliverySettings[Key];
    const issue = parsed.error.issues[0];
    const where = [key, ...(issue?.path ?? [])].join('.');
    warn(`[${PLUGIN_ID}] ignoring invalid "${where}": ${issue?.message ?? 'invalid value'}`);
    return deliverySettingsShape[key].parse(undefined) as DeliverySettings[Key];
  };
  return { s3: pick('s3'), signingSecret: pick('signingSecret'), inlineMaxBytes: pick('inlineMaxBytes') };
};

export const readDeliverySettings = (strapi: Core.Strapi): DeliverySettings =>
  parseDeliverySettings(strapi.config.get(`plugin::${PLUGIN_ID}`), (message) => strapi.log.warn(message));
