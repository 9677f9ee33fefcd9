import type { ImageDeliveryMode, ProviderName, ReviewMode, Style } from '../vocabulary';

/**
 * Settings, key verification and credits (`/auto-alt-text/settings`, `/settings/verify`, `/credits`).
 * Every route answers `{ data }` or Strapi's `{ error: { status, name, message, details } }`.
 */

/**
 * The entry-context options an admin may change; `maxEntries`, `maxChars` and `ecommerce` stay in
 * config/plugins. Each is locked on its own (`entryContext.waitSeconds`): config/plugins may fix one and leave the others.
 */
export interface EditableEntryContext {
  enabled: boolean;
  waitSeconds: number;
  upgrade: boolean;
}

export type EntryContextSettingKey = `entryContext.${keyof EditableEntryContext}`;

/** The settings an admin may change from the settings page. */
export interface EditableSettings {
  provider: ProviderName;
  baseUrl: string | null;
  model: string | null;
  lang: string;
  style: Style;
  keywords: string[];
  context: string | null;
  maxLength: number;
  autoOnUpload: boolean;
  detectDecorative: boolean;
  concurrency: number;
  requestsPerSecond: number;
  imageDelivery: ImageDeliveryMode;
  entryContext: EditableEntryContext;
  /** Review before publish (issue 15). */
  review: ReviewMode;
}

export type EditableSettingKey = keyof EditableSettings;

/**
 * Why a key saved from the admin is not used (`undecryptable`: the app's encryption key is missing
 * or not the one it was saved with; `endpoint-changed`: the provider or base URL in force is not
 * the one it was saved for), or is used but stored in plain text (`unencrypted`, an earlier
 * version's key in an app with no encryption key).
 */
export type ApiKeyProblem = 'undecryptable' | 'endpoint-changed' | 'unencrypted';

/** Where the API key comes from; the key itself never leaves the server. */
export interface ApiKeyStatus {
  source: 'env' | 'config' | 'saved' | 'none';
  /** "…4f2a" */
  hint: string | null;
  problem?: ApiKeyProblem;
}

/**
 * Why a setting is locked: `config` (named in config/plugins), `env` (its environment variable is
 * set), or bound to the API key or base URL fixed there (`params.variable` when the environment
 * set that one): provider, base URL and key are one unit.
 */
export interface LockReason {
  code: 'config' | 'env' | 'boundToKey' | 'boundToBaseUrl';
  params?: { variable: string };
}

export type LockableSettingKey = EditableSettingKey | EntryContextSettingKey | 'apiKey';

export interface SettingsView {
  values: EditableSettings;
  /** Keys fixed by config/plugins.ts or the environment: shown read-only, with the reason (in English). */
  locked: Partial<Record<LockableSettingKey, string>>;
  /** The same keys with their reason as a code, for the admin to translate. */
  lockReasons: Partial<Record<LockableSettingKey, LockReason>>;
  apiKey: ApiKeyStatus;
  /** The fallback provider, set in config/plugins or the environment only (read-only here); absent when none. */
  fallback?: FallbackSettingsView;
}

/** The fallback provider as the settings page shows it: where it is, never its key (`keySet`: one is configured). */
export interface FallbackSettingsView {
  provider: ProviderName;
  baseUrl: string | null;
  model: string | null;
  keySet: boolean;
  afterTransientSeconds: number;
}

export interface CreditsView {
  reported: boolean;
  remaining?: number;
  plan?: string;
  refillsAt?: string;
  /** Why nothing is reported (e.g. "OpenAI-compatible APIs have no credits endpoint"). */
  reason?: string;
}

/**
 * What Verify found, one code the admin translates:
 * - `valid`: the provider accepted the key;
 * - `invalidKey`: the provider refused the key (401/403);
 * - `noKey`: there is no key to send (none in force, none typed);
 * - `unreachable`: nothing answered at the address (DNS, connection refused, timeout);
 * - `wrongEndpoint`: something answered, but not the provider's API (404, an HTML page, another shape);
 * - `misconfigured`: the settings cannot work with this provider (`params.setting`: an OpenAI-compatible one without `model`);
 * - `outOfCredits`: the key is valid but the account has no credits;
 * - `providerError`: the provider failed (5xx, rate limited): try again later.
 */
export type VerifyOutcome = 'valid' | 'invalidKey' | 'noKey' | 'unreachable' | 'wrongEndpoint' | 'misconfigured' | 'outOfCredits' | 'providerError';

export interface VerifyView {
  /** The provider accepted the key (also with `misconfigured` or `outOfCredits`, when it said so). */
  valid: boolean;
  outcome: VerifyOutcome;
  /** The outcome in plain English; never a key, a signed URL or the provider's own words. */
  message: string;
  /** What the message names: the host asked, the HTTP status it answered, the setting to fix. */
  params?: { host: string; status?: number; setting?: string };
  account?: string;
  credits?: CreditsView;
  /** The provider error's code when one was raised (`INVALID_KEY`, `MISCONFIGURED` …), with the outcome's message. */
  error?: { code: string; message: string };
}

/** GET /auto-alt-text/settings */
export declare namespace GetSettings {
  interface Response { data: SettingsView }
}

/**
 * PUT /auto-alt-text/settings — `apiKey: ''` clears a saved key; absent leaves it alone. A saved
 * key is bound to the provider and base URL it was saved with: a change of either without the key
 * typed again is a 400 with a field error on `apiKey`. `entryContext` may name some of its options:
 * they are laid over the ones saved before.
 */
export declare namespace UpdateSettings {
  interface Request { body: Partial<Omit<EditableSettings, 'entryContext'>> & { entryContext?: Partial<EditableEntryContext>; apiKey?: string } }
  interface Response { data: SettingsView }
}

/**
 * POST /auto-alt-text/settings/verify — checks the key in force, or the unsaved values in the body.
 * Locked values that differ are a 400 as on save; a provider or base URL other than the one in
 * force needs `apiKey` typed in the same request (400 on `apiKey` otherwise), except an
 * OpenAI-compatible server, which is then asked with no key.
 */
export declare namespace VerifyKey {
  interface Request { body: { provider?: ProviderName; apiKey?: string; baseUrl?: string | null; model?: string | null } }
  interface Response { data: VerifyView }
}

/** GET /auto-alt-text/credits */
export declare namespace GetCredits {
  interface Response { data: CreditsView }
}
