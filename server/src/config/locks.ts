import type { EditableEntryContext, EditableSettingKey, EntryContextSettingKey, LockReason, SettingsView } from '../../../shared/contracts/settings';
import type { PluginConfig } from './schema';

export type Locks = SettingsView['locked'];
export type LockReasons = SettingsView['lockReasons'];

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

/** A reason in English, as `locked` has carried it (API users, logs); the admin translates `lockReasons`. */
export const describeLockReason = ({ code, params }: LockReason): string => {
  const where = params?.variable ? `set by ${params.variable}` : 'set in config/plugins';
  switch (code) {
    case 'config':
      return CONFIG_REASON;
    case 'env':
      return envReason(params?.variable ?? '');
    case 'boundToKey':
      return `Bound to the API key ${where}`;
    case 'boundToBaseUrl':
      return `Bound to the base URL ${where}`;
  }
};

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

/** Where a lock came from, as the reason of what it binds: `{ variable }` when the environment set it. */
const boundBy = (reason: LockReason | undefined): LockReason['params'] => (reason?.code === 'env' ? reason.params : undefined);

/**
 * Why each locked setting may not be changed in the admin. A key is locked when the app's
 * config/plugins names it — a value equal to the default, or `env('X')` with X unset, is still a
 * decision taken in code — or when the environment variable the plugin reads for it is set.
 *
 * Provider, base URL and key are one unit: a key in force from env/config locks the provider and
 * base URL (it is never sent to an endpoint an admin chose), and a locked key (even none) or base
 * URL locks the provider (a locked address means nothing for another provider's API).
 */
export const lockReasons = ({ named, env, fileConfig }: LockInput): LockReasons => {
  const reasons: LockReasons = {};
  for (const key of [...EDITABLE_KEYS.filter((name) => name !== 'entryContext'), 'apiKey'] as const) {
    const variable = (ENV_VARIABLES as Partial<Record<string, string>>)[key];
    const fromEnv = variable ? env(variable) : undefined;
    const envIsSet = fromEnv !== undefined && fromEnv.trim() !== '';
    const byEnv: LockReason = { code: 'env', params: { variable: variable as string } };
    if (named.has(key)) reasons[key] = envIsSet && fileConfig[key] === fromEnv ? byEnv : { code: 'config' };
    else if (envIsSet) reasons[key] = byEnv;
  }
  // No environment variable sets an entry-context option: only config/plugins locks one.
  for (const key of EDITABLE_ENTRY_CONTEXT_KEYS) if (named.has(entryContextKey(key))) reasons[entryContextKey(key)] = { code: 'config' };
  // A key in force from the file config is fixed there however it got in (belt and braces).
  if (fileConfig.apiKey) reasons.apiKey ??= { code: 'config' };
  const keyBinding = boundBy(reasons.apiKey);
  if (fileConfig.apiKey) reasons.baseUrl ??= { code: 'boundToKey', ...(keyBinding ? { params: keyBinding } : {}) };
  if (reasons.apiKey) reasons.provider ??= { code: 'boundToKey', ...(keyBinding ? { params: keyBinding } : {}) };
  else if (reasons.baseUrl) {
    const urlBinding = boundBy(reasons.baseUrl);
    reasons.provider ??= { code: 'boundToBaseUrl', ...(urlBinding ? { params: urlBinding } : {}) };
  }
  return reasons;
};

/** The reasons in English, keyed as `lockReasons` (the `locked` of the settings view). */
export const describeLocks = (reasons: LockReasons): Locks =>
  Object.fromEntries(Object.entries(reasons).map(([key, reason]) => [key, describeLockReason(reason as LockReason)]));

/** Which settings the admin may not change, and why, in English (see `lockReasons`). */
export const lockedKeys = (input: LockInput): Locks => describeLocks(lockReasons(input));

/** Where the key in force comes from when env/config fixes it; undefined when an admin may save one. */
export const fixedKeySource = (locked: Locks, fileConfig: PluginConfig): 'env' | 'config' | 'none' | undefined => {
  if (!locked.apiKey) return undefined;
  if (!fileConfig.apiKey) return 'none';
  return locked.apiKey === CONFIG_REASON ? 'config' : 'env';
};
