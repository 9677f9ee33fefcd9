import type { ApiKeyStatus, EditableSettingKey } from '../../../shared/contracts/settings';
import { EDITABLE_ENTRY_CONTEXT_KEYS, EDITABLE_KEYS, entryContextKey, fixedKeySource, type Locks } from './locks';
import { pluginConfigSchema, type PluginConfig } from './schema';
import { keyHint } from '../utils/redact';
import { endpointOf, openStoredKey, type KeyCipher } from './saved-key';

/** What the core store holds for the plugin (`apiKey`: a StoredKey, or a plain string from an earlier version). */
export interface SavedSettings {
  values?: Partial<Record<EditableSettingKey, unknown>>;
  apiKey?: unknown;
}

export interface FixedSettings {
  fileConfig: PluginConfig;
  locked: Locks;
}

export interface Resolved {
  config: PluginConfig;
  key: ApiKeyStatus;
}

/** The saved entry-context options laid over the file config's `entryContext`, one by one where nothing locks them. */
const overlayEntryContext = ({ fileConfig, locked }: FixedSettings, saved: unknown): PluginConfig['entryContext'] => {
  const merged: Record<string, unknown> = { ...fileConfig.entryContext };
  const options = saved && typeof saved === 'object' ? (saved as Record<string, unknown>) : {};
  for (const key of EDITABLE_ENTRY_CONTEXT_KEYS) {
    if (!locked[entryContextKey(key)] && options[key] !== undefined) merged[key] = options[key];
  }
  return merged as PluginConfig['entryContext'];
};

/** The file config with the saved values laid over it where nothing locks them (the key is not touched). */
export const overlayValues = (fixed: FixedSettings, values: SavedSettings['values']): Record<string, unknown> => {
  const merged: Record<string, unknown> = { ...fixed.fileConfig, entryContext: overlayEntryContext(fixed, values?.entryContext) };
  for (const key of EDITABLE_KEYS) {
    const value = values?.[key];
    if (key !== 'entryContext' && !fixed.locked[key] && value !== undefined) merged[key] = value === null || value === '' ? undefined : value;
  }
  return merged;
};

/**
 * The configuration in force and where its key comes from. A key fixed by env/config wins (and
 * locks the endpoint); a saved key is used only at the endpoint it was saved for and only when it
 * decrypts; otherwise there is no key, and `key.problem` says why.
 */
export const resolveSettings = (fixed: FixedSettings, saved: SavedSettings, cipher: KeyCipher): Resolved => {
  const parsed = pluginConfigSchema.safeParse(overlayValues(fixed, saved.values));
  // Saved values that no longer validate (plugin upgrade) are ignored rather than fatal.
  const config = parsed.success ? parsed.data : fixed.fileConfig;
  const fixedSource = fixedKeySource(fixed.locked, fixed.fileConfig);
  if (fixedSource) return { config, key: { source: fixedSource, hint: keyHint(config.apiKey) ?? null } };
  if (saved.apiKey === undefined || saved.apiKey === null || saved.apiKey === '') return { config, key: { source: 'none', hint: null } };
  if (typeof saved.apiKey === 'string') {
    // Written by an earlier version and not yet encrypted (see the settings service's boot step).
    return { config: { ...config, apiKey: saved.apiKey }, key: { source: 'saved', hint: keyHint(saved.apiKey) ?? null, problem: 'unencrypted' } };
  }
  const opened = openStoredKey(saved.apiKey, endpointOf(config), cipher);
  if (opened.key === undefined) return { config, key: { source: 'none', hint: null, problem: opened.problem } };
  const key: ApiKeyStatus = { source: 'saved', hint: keyHint(opened.key) ?? null };
  if (opened.problem) key.problem = opened.problem;
  return { config: { ...config, apiKey: opened.key }, key };
};
