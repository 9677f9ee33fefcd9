import type { Core } from '@strapi/strapi';
import type { ApiKeyProblem, EditableSettingKey, EditableSettings, FallbackSettingsView, SettingsView } from '../../../shared/contracts/settings';
import { describeLocks, EDITABLE_ENTRY_CONTEXT_KEYS, EDITABLE_KEYS, entryContextKey, lockReasons, type LockReasons } from '../config/locks';
import { pluginConfigSchema, type PluginConfig } from '../config/schema';
import { readNamedConfigKeys } from '../config/user-config';
import { overlayValues, resolveSettings, type FixedSettings, type Resolved, type SavedSettings } from '../config/resolve';
import { bindingOf, endpointOf, sameEndpoint, sealKey, storedKeySchema, type Endpoint } from '../config/saved-key';
import { createStrapiKeyCipher } from '../config/key-cipher';
import {
  settingsFieldErrorsOf as fieldErrorsOf,
  invalidSettings,
  languageErrors,
  lockedError,
  noEncryptionKey,
  retypeKeyOnSave,
  updateSettingsSchema,
  type FieldError,
} from '../validation/settings';
import { getService } from './get-service';
import { PLUGIN_ID } from '../utils/plugin-id';
import { readFileConfig, setEffectiveConfig } from '../config/read';

export { EDITABLE_KEYS };

const REFRESH_MS = 30_000;

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

const hostOf = (endpoint: Endpoint) => (endpoint.baseUrl ? new URL(endpoint.baseUrl).host : `${endpoint.provider}'s default API`);

const PROBLEM_WARNINGS: Record<ApiKeyProblem, (inForce: Endpoint) => string> = {
  undecryptable: () =>
    `[${PLUGIN_ID}] the saved API key could not be decrypted (the app's encryption key, ENCRYPTION_KEY, is missing or not the one it was saved with): it is not used. Type the key again in the plugin's settings, or set ALT_TEXT_API_KEY.`,
  'endpoint-changed': (inForce) =>
    `[${PLUGIN_ID}] the saved API key was saved for another provider or base URL than the one in force (${inForce.provider} at ${hostOf(inForce)}): it is not sent there. Type the key again in the plugin's settings to use it there.`,
  unencrypted: () =>
    `[${PLUGIN_ID}] the saved API key is stored in plain text because the app has no encryption key: set ENCRYPTION_KEY and restart to encrypt it, or use ALT_TEXT_API_KEY.`,
};

/**
 * Settings saved from the admin, kept in Strapi's core store (server side only: the key is never
 * sent back, and is stored encrypted and bound to its endpoint) and merged over the file
 * configuration into the configuration in force. Every replica re-reads them every 30 s; the one
 * that saved applies them at once.
 */
/** The fallback provider without its key: the settings page shows where it is and that a key is set. */
const fallbackView = (fallback: PluginConfig['fallback']): FallbackSettingsView | null =>
  fallback && { provider: fallback.provider, baseUrl: fallback.baseUrl ?? null, model: fallback.model ?? null, keySet: !!fallback.apiKey, afterTransientSeconds: fallback.afterTransientSeconds };

export const createSettingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'settings' });
  const cipher = createStrapiKeyCipher(strapi);
  let timer: NodeJS.Timeout | undefined;
  let current: PluginConfig | undefined;
  let fixed: (FixedSettings & { reasons: LockReasons }) | undefined;
  let migrated = false;
  const warned = new Set<string>();

  const readSaved = async (): Promise<SavedSettings> => ((await store().get({})) as SavedSettings | null) ?? {};

  /** What config/plugins and the environment fix; read once, as Strapi reads its config once. */
  const fixedSettings = (): FixedSettings & { reasons: LockReasons } => {
    if (!fixed) {
      const fileConfig = readFileConfig(strapi);
      const reasons = lockReasons({ named: readNamedConfigKeys(strapi), env: (name) => process.env[name], fileConfig });
      fixed = { fileConfig, locked: describeLocks(reasons), reasons };
    }
    return fixed;
  };

  const resolve = (saved: SavedSettings): Resolved => resolveSettings(fixedSettings(), saved, cipher);

  /** One warning per stored value and problem, not one per 30-second refresh. */
  const warnAbout = (resolved: Resolved, saved: SavedSettings) => {
    const { problem } = resolved.key;
    if (!problem) return;
    const marker = `${problem}:${JSON.stringify(saved.apiKey)}`;
    if (warned.has(marker)) return;
    warned.add(marker);
    strapi.log.warn(PROBLEM_WARNINGS[problem](endpointOf(resolved.config)));
  };

  /**
   * A key an earlier version stored in plain text (or stored as such for want of an encryption
   * key) is encrypted in place when the app can, bound to the endpoint it is used with today.
   */
  const encryptLegacyKey = async () => {
    const saved = await readSaved();
    const stored = storedKeySchema.safeParse(saved.apiKey);
    const plain = typeof saved.apiKey === 'string' ? saved.apiKey.trim() : stored.success && 'plain' in stored.data ? stored.data.plain : undefined;
    if (!plain) return;
    const endpoint = stored.success ? endpointOf(stored.data) : endpointOf(resolve(saved).config);
    const sealed = sealKey(plain, endpoint, cipher) ?? { plain, ...endpoint };
    if (!sameValue(sealed, saved.apiKey)) await store().set({ value: { ...saved, apiKey: sealed } });
  };

  const service = {
    /** Loads saved settings into the configuration in force; true when anything changed. */
    async load(): Promise<boolean> {
      if (!migrated) {
        migrated = true;
        await encryptLegacyKey();
      }
      const saved = await readSaved();
      const resolved = resolve(saved);
      warnAbout(resolved, saved);
      const changed = !current || !sameValue(current, resolved.config);
      current = resolved.config;
      setEffectiveConfig(strapi, resolved.config);
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

    /** What config/plugins and the environment fix, and why (Verify honours the same locks as Save). */
    locks: (): FixedSettings => fixedSettings(),

    async view(): Promise<SettingsView> {
      const { config, key } = resolve(await readSaved());
      const { enabled, waitSeconds, upgrade } = config.entryContext;
      const values = Object.fromEntries(
        EDITABLE_KEYS.map((name) => [name, config[name] === undefined ? null : config[name]])
      ) as unknown as EditableSettings;
      values.entryContext = { enabled, waitSeconds, upgrade };
      const fallback = fallbackView(config.fallback);
      const { locked, reasons } = fixedSettings();
      return { values, locked, lockReasons: reasons, apiKey: key, ...(fallback ? { fallback } : {}) };
    },

    /** Saves the editable settings; `actor` (the admin's email) is named in the log when the base URL moves. */
    async update(body: unknown, actor?: string): Promise<SettingsView> {
      const parsed = updateSettingsSchema.safeParse(body);
      if (!parsed.success) throw invalidSettings(fieldErrorsOf(parsed.error.issues));
      const { apiKey, ...values } = parsed.data;
      const { fileConfig, locked } = fixedSettings();
      const lockedChanges = (Object.keys(values) as EditableSettingKey[]).filter((key) => locked[key] && !sameValue(values[key], fileConfig[key]));
      if (apiKey !== undefined && locked.apiKey) lockedChanges.push('apiKey' as EditableSettingKey);
      const lockedOptions = EDITABLE_ENTRY_CONTEXT_KEYS.filter(
        (key) => values.entryContext?.[key] !== undefined && locked[entryContextKey(key)] && !sameValue(values.entryContext[key], fileConfig.entryContext[key])
      );
      if (lockedChanges.length > 0 || lockedOptions.length > 0) {
        throw invalidSettings([
          ...lockedChanges.map((key) => lockedError([key])),
          ...lockedOptions.map((key) => lockedError(['entryContext', key])),
        ]);
      }

      const saved = await readSaved();
      // Entry-context options are saved one by one: a request naming one leaves the others as they were.
      const savedOptions = saved.values?.entryContext as Record<string, unknown> | undefined;
      const nextValues = { ...saved.values, ...values, entryContext: { ...savedOptions, ...values.entryContext } };
      // The merged result is checked with the boot-time schema: one set of rules.
      const check = pluginConfigSchema.safeParse(overlayValues(fixedSettings(), nextValues));
      const previous = resolve(saved).config;
      const languageChanged = check.success && (check.data.lang !== previous.lang || check.data.provider !== previous.provider);
      const errors: FieldError[] = check.success ? languageErrors(check.data, languageChanged) : fieldErrorsOf(check.error.issues);
      const before = endpointOf(previous);
      const after = check.success ? endpointOf(check.data) : undefined;
      const typed = apiKey?.trim();
      let storedKey = saved.apiKey;
      if (typed) {
        if (!cipher.available()) errors.push(noEncryptionKey());
      } else if (apiKey !== undefined) {
        storedKey = undefined;
      } else if (after && !sameEndpoint(before, after)) {
        const binding = bindingOf(saved.apiKey, before);
        if (binding && !sameEndpoint(binding, after)) errors.push(retypeKeyOnSave());
      }
      if (errors.length > 0 || !after) throw invalidSettings(errors);
      if (typed) storedKey = sealKey(typed, after, cipher);

      await store().set({ value: { values: nextValues, apiKey: storedKey } });
      await service.load();
      await service.apply();
      if (after.baseUrl !== before.baseUrl) {
        strapi.log.warn(
          `[${PLUGIN_ID}] ${actor ?? 'an admin'} set the provider base URL to ${hostOf(after)}: images (as short-lived URLs or bytes) and the API key are sent there from now on`
        );
      }
      return service.view();
    },
  };
  return service;
};
