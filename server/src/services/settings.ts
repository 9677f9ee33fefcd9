import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { errors } from '@strapi/utils';
import { defaultConfig } from '../config';
import { pluginConfigSchema, type PluginConfig } from '../config/schema';
import type { EditableSettingKey, EditableSettings, SettingsView } from '../../../shared/contracts/admin-api';
import { getService } from '../utils/get-service';
import { PLUGIN_ID } from '../utils/plugin-id';
import { readFileConfig, setEffectiveConfig } from '../utils/read-config';
import { keyHint } from '../utils/redact';

export const EDITABLE_KEYS: EditableSettingKey[] = [
  'provider', 'baseUrl', 'model', 'lang', 'style', 'keywords', 'context', 'maxLength',
  'autoOnUpload', 'concurrency', 'requestsPerSecond', 'imageDelivery',
];

interface SavedSettings {
  values?: Partial<Record<EditableSettingKey, unknown>>;
  apiKey?: string;
}

/** The body of PUT /settings: the editable keys (null clears an optional one) plus a write-only key. */
const updateSchema = z
  .object({
    provider: z.enum(['alttextlab', 'alttextai', 'openai']),
    baseUrl: z.string().nullable(),
    model: z.string().nullable(),
    lang: z.string(),
    style: z.enum(['descriptive', 'neutral', 'matter-of-fact', 'minimal']),
    keywords: z.array(z.string()),
    context: z.string().nullable(),
    maxLength: z.number(),
    autoOnUpload: z.boolean(),
    concurrency: z.number(),
    requestsPerSecond: z.number(),
    imageDelivery: z.enum(['auto', 'presigned', 'signed', 'public', 'inline']),
    apiKey: z.string().max(500),
  })
  .partial()
  .strict();

const REFRESH_MS = 30_000;

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Settings an admin saved apply only where config/plugins.ts (or the environment) left the default. */
const lockedKeys = (fileConfig: PluginConfig): SettingsView['locked'] => {
  const defaults = defaultConfig({ env: () => undefined });
  const locked: SettingsView['locked'] = {};
  for (const key of EDITABLE_KEYS) {
    if (!sameValue(fileConfig[key], defaults[key])) locked[key] = 'Set in config/plugins.ts or the environment';
  }
  if (fileConfig.apiKey) {
    locked.apiKey =
      process.env.ALT_TEXT_API_KEY && process.env.ALT_TEXT_API_KEY === fileConfig.apiKey
        ? 'Set by the ALT_TEXT_API_KEY environment variable'
        : 'Set in config/plugins.ts';
  }
  return locked;
};

const toValidationError = (issues: z.ZodError['issues']) =>
  new errors.ValidationError('Invalid settings', {
    // One field error per unknown key, at that key's path (zod reports them together, at the root).
    errors: issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: [...issue.path.map(String), key], message: 'is not a setting that can be changed', name: 'ValidationError' }))
        : [{ path: issue.path.map(String), message: issue.message, name: 'ValidationError' }]
    ),
  });

/**
 * Settings saved from the admin, kept in Strapi's core store (server side only: the key is never
 * sent back) and merged over the file configuration into the configuration in force. Every
 * replica re-reads them every 30 s; the one that saved applies them at once.
 */
export const createSettingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'settings' });
  let timer: NodeJS.Timeout | undefined;
  let current: PluginConfig | undefined;

  const readSaved = async (): Promise<SavedSettings> => ((await store().get({})) as SavedSettings | null) ?? {};

  /** The file config with the saved values laid over it, except where the file config is locked. */
  const overlay = (fileConfig: PluginConfig, saved: SavedSettings): Record<string, unknown> => {
    const locked = lockedKeys(fileConfig);
    const merged: Record<string, unknown> = { ...fileConfig };
    for (const key of EDITABLE_KEYS) {
      const value = saved.values?.[key];
      if (!locked[key] && value !== undefined) merged[key] = value === null || value === '' ? undefined : value;
    }
    if (!locked.apiKey && saved.apiKey) merged.apiKey = saved.apiKey;
    return merged;
  };

  const merge = (fileConfig: PluginConfig, saved: SavedSettings): PluginConfig => {
    const parsed = pluginConfigSchema.safeParse(overlay(fileConfig, saved));
    // Saved settings that no longer validate (plugin upgrade) are ignored rather than fatal.
    return parsed.success ? parsed.data : fileConfig;
  };

  const service = {
    /** Loads saved settings into the configuration in force; true when anything changed. */
    async load(): Promise<boolean> {
      const next = merge(readFileConfig(strapi), await readSaved());
      const changed = !current || !sameValue(current, next);
      current = next;
      setEffectiveConfig(strapi, next);
      return changed;
    },

    startRefreshing() {
      timer = setInterval(() => {
        service
          .load()
          .then((changed) => (changed ? service.apply() : undefined))
          .catch(() => undefined);
      }, REFRESH_MS);
      timer.unref();
    },

    stopRefreshing() {
      clearInterval(timer);
    },

    /** Rebuilds what depends on the configuration: the provider client and the worker. */
    async apply() {
      getService(strapi, 'generation').reset();
      await getService(strapi, 'queue').restart();
    },

    async view(): Promise<SettingsView> {
      const fileConfig = readFileConfig(strapi);
      const saved = await readSaved();
      const config = merge(fileConfig, saved);
      const locked = lockedKeys(fileConfig);
      const values = Object.fromEntries(
        EDITABLE_KEYS.map((key) => [key, config[key] === undefined ? null : config[key]])
      ) as unknown as EditableSettings;
      const source = locked.apiKey ? (locked.apiKey.includes('environment') ? 'env' : 'config') : saved.apiKey ? 'saved' : 'none';
      return { values, locked, apiKey: { source, hint: keyHint(config.apiKey) ?? null } };
    },

    async update(body: unknown): Promise<SettingsView> {
      const parsed = updateSchema.safeParse(body);
      if (!parsed.success) throw toValidationError(parsed.error.issues);
      const { apiKey, ...values } = parsed.data;
      const fileConfig = readFileConfig(strapi);
      const locked = lockedKeys(fileConfig);
      const lockedChanges = Object.keys(values).filter((key) => locked[key as EditableSettingKey] && !sameValue(values[key as EditableSettingKey], fileConfig[key as EditableSettingKey]));
      if (lockedChanges.length > 0 || (apiKey !== undefined && locked.apiKey)) {
        const keys = apiKey !== undefined && locked.apiKey ? [...lockedChanges, 'apiKey'] : lockedChanges;
        throw new errors.ValidationError('Invalid settings', {
          errors: keys.map((key) => ({ path: [key], message: `is set in config/plugins.ts or the environment and cannot be changed here`, name: 'ValidationError' })),
        });
      }

      const saved = await readSaved();
      const next: SavedSettings = {
        values: { ...saved.values, ...values },
        apiKey: apiKey === undefined ? saved.apiKey : apiKey.trim() || undefined,
      };
      // Validate the merged result with the same schema as the boot-time config: one set of rules.
      const check = pluginConfigSchema.safeParse(overlay(fileConfig, next));
      if (!check.success) throw toValidationError(check.error.issues);

      await store().set({ value: next });
      await service.load();
      await service.apply();
      return service.view();
    },
  };
  return service;
};
