import type { EditableEntryContext, EditableSettingKey, EntryContextSettingKey, SettingsView } from '../../../shared/contracts/settings';
import type { PluginConfig } from './schema';

export type Locks = SettingsView['locked'];

/** The settings an admin may change from the settings page (when nothing locks them). */
export const EDITABLE_KEYS: EditableSettingKey[] = [
  'provider', 'baseUrl', 'model', 'lang', 'style', 'keywords', 'context', 'maxLength',
  'autoOnUpload', 'concurrency', 'requestsPerSecond', 'imageDelivery', 'entryContext',
  'review',
  'detectDecorative',
];

/** The options of `entryContext` an admin may change, each locked on its own (`entryContext.upgrade`). */
export const EDITABLE_ENTRY_CONTEXT_KEYS: Array<keyof EditableEntryContext> = ['enabled', 'waitSeconds', 'upgrade'];

export const entryContextKey = (key: keyof EditableEntryContext): EntryContextSettingKey => `entryContext.${key}`;

/** The environment variables the plugin's defaults read (config/index.ts). */
export const ENV_VARIABLES = {
  provider: 'ALT_TEXT_PROVIDER',
  apiKey: 'ALT_TEXT_API_KEY',
  baseUrl: 'ALT_TEXT_BASE_URL',
  model: 'ALT_TEXT_MODEL',
} as const satisfies Partial<Record<EditableSettingKey | 'apiKey', string>>;

export const CONFIG_REASON = 'Set in config/plugins';
export const envReason = (variable: string) => `Set by the ${variable} environment variable`;

export interface LockInput {
  /**
   * Keys the app's own config/plugins names for this plugin, whatever their value (even undefined);
   * the options of `entryContext` it names as `entryContext.<option>` (user-config.ts).
   */
  named: ReadonlySet<string>;
  env: (variable: string) => string | undefined;
  /** The plugin's config as Strapi merged it (defaults laid under the app's values). */
  fileConfig: PluginConfig;
}

/**
 * Which settings the admin may not change, and why. A key is locked when the app's config/plugins
 * names it — a value equal to the default, or `env('X')` with X unset, is still a decision taken in
 * code — or when the environment variable the plugin reads for it is set. A key in force from
 * env/config also locks the provider and base URL: it is never sent to an endpoint an admin chose.
 */
export const lockedKeys = ({ named, env, fileConfig }: LockInput): Locks => {
  const locked: Locks = {};
  for (const key of [...EDITABLE_KEYS.filter((name) => name !== 'entryContext'), 'apiKey'] as const) {
    const variable = (ENV_VARIABLES as Partial<Record<string, string>>)[key];
    const fromEnv = variable ? env(variable) : undefined;
    const envIsSet = fromEnv !== undefined && fromEnv.trim() !== '';
    if (named.has(key)) locked[key] = envIsSet && fileConfig[key] === fromEnv ? envReason(variable as string) : CONFIG_REASON;
    else if (envIsSet) locked[key] = envReason(variable as string);
  }
  // No environment variable sets an entry-context option: only config/plugins locks one.
  for (const key of EDITABLE_ENTRY_CONTEXT_KEYS) if (named.has(entryContextKey(key))) locked[entryContextKey(key)] = CONFIG_REASON;
  // A key in force from the file config is fixed there however it got in (belt and braces).
  if (fileConfig.apiKey) locked.apiKey ??= CONFIG_REASON;
  if (fileConfig.apiKey) {
    const where = locked.apiKey === CONFIG_REASON ? 'set in config/plugins' : `set by ${ENV_VARIABLES.apiKey}`;
    locked.provider ??= `Bound to the API key ${where}`;
    locked.baseUrl ??= `Bound to the API key ${where}`;
  }
  return locked;
};

/** Where the key in force comes from when env/config fixes it; undefined when an admin may save one. */
export const fixedKeySource = (locked: Locks, fileConfig: PluginConfig): 'env' | 'config' | 'none' | undefined => {
  if (!locked.apiKey) return undefined;
  if (!fileConfig.apiKey) return 'none';
  return locked.apiKey === CONFIG_REASON ? 'config' : 'env';
};
