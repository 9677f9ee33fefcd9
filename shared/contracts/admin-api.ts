/**
 * Request and response types of the plugin's admin API, shared by server and admin.
 * Every route is under `/auto-alt-text` (admin API: the admin's fetch client adds the host and
 * the admin JWT) and answers `{ data }` or Strapi's `{ error: { status, name, message, details } }`.
 */

export type ProviderName = 'alttextlab' | 'alttextai' | 'openai';
export type Style = 'descriptive' | 'neutral' | 'matter-of-fact' | 'minimal';
export type ImageDeliveryMode = 'auto' | 'presigned' | 'signed' | 'public' | 'inline';
export type WriteMode = 'fill' | 'overwrite';
export type RunStatus = 'running' | 'paused' | 'cancelled' | 'done';
export type PauseReason = 'INVALID_KEY' | 'OUT_OF_CREDITS' | 'MISCONFIGURED' | 'MANUAL';

/** RBAC action uids registered by the plugin. */
export const PERMISSIONS = {
  read: 'plugin::auto-alt-text.read',
  settings: 'plugin::auto-alt-text.settings',
  generate: 'plugin::auto-alt-text.generate',
  bulk: 'plugin::auto-alt-text.bulk',
} as const;

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
  concurrency: number;
  requestsPerSecond: number;
  imageDelivery: ImageDeliveryMode;
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

export interface SettingsView {
  values: EditableSettings;
  /** Keys fixed by config/plugins.ts or the environment: shown read-only, with the reason. */
  locked: Partial<Record<EditableSettingKey | 'apiKey', string>>;
  apiKey: ApiKeyStatus;
}

export interface CreditsView {
  reported: boolean;
  remaining?: number;
  plan?: string;
  refillsAt?: string;
  /** Why nothing is reported (e.g. "OpenAI-compatible APIs have no credits endpoint"). */
  reason?: string;
}

export interface VerifyView {
  valid: boolean;
  account?: string;
  credits?: CreditsView;
  /** A typed reason when the provider could not be asked (network, bad base URL …). */
  error?: { code: string; message: string };
}

export interface QueueStateView {
  paused: boolean;
  reason?: PauseReason;
  message?: string;
  since?: string;
}

export interface CoverageView {
  images: number;
  withAltText: number;
  missingAltText: number;
  coveragePercent: number;
  jobs: Record<'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'paused' | 'cancelled', number>;
}

export type RunScope = { kind: 'missing' } | { kind: 'all' } | { kind: 'folder'; folderId: number } | { kind: 'ids'; ids: number[] };

export interface RunView {
  id: number;
  scope: RunScope;
  mode: WriteMode;
  lang: string | null;
  status: RunStatus;
  enqueueComplete: boolean;
  createdAt: string;
  finishedAt: string | null;
  counts: { total: number; queued: number; done: number; skipped: number; failed: number; pending: number; running: number; cancelled: number };
  skippedReasons: Record<string, number>;
  progressPercent: number;
}

export interface EstimateView {
  images: number;
  credits: number;
  alreadyQueued: number;
  skipped: Record<string, number>;
}

export interface FailureView {
  jobId: number;
  fileId: number;
  fileName: string | null;
  code: string | null;
  message: string | null;
  strategy: string | null;
  attempts: number;
  at: string | null;
}

export type AltTextSource = 'generated' | 'human' | 'missing';

export interface MediaItemView {
  id: number;
  name: string;
  mime: string;
  width: number | null;
  height: number | null;
  /** A small preview the browser can load (signed when the storage is private). */
  thumbnailUrl: string | null;
  alternativeText: string | null;
  source: AltTextSource;
  generatedBy?: { provider: string; lang: string; at: string };
  /** A job owes work for this file right now. */
  queued: boolean;
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** GET /auto-alt-text/settings */
export declare namespace GetSettings {
  interface Response { data: SettingsView }
}
/**
 * PUT /auto-alt-text/settings — `apiKey: ''` clears a saved key; absent leaves it alone. A saved
 * key is bound to the provider and base URL it was saved with: a change of either without the key
 * typed again is a 400 with a field error on `apiKey`.
 */
export declare namespace UpdateSettings {
  interface Request { body: Partial<EditableSettings> & { apiKey?: string } }
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
/** GET /auto-alt-text/status — coverage, queue state, credits and the latest run. */
export declare namespace GetStatus {
  interface Response { data: { queue: QueueStateView; coverage: CoverageView; latestRun: RunView | null } }
}
/** GET /auto-alt-text/credits */
export declare namespace GetCredits {
  interface Response { data: CreditsView }
}
/** POST /auto-alt-text/queue/pause, POST /auto-alt-text/queue/resume */
export declare namespace SetQueueState {
  interface Response { data: QueueStateView }
}
/** POST /auto-alt-text/runs/estimate */
export declare namespace EstimateRun {
  interface Request { body: { scope: RunScope; mode?: WriteMode } }
  interface Response { data: EstimateView }
}
/** POST /auto-alt-text/runs */
export declare namespace CreateRun {
  interface Request { body: { scope: RunScope; mode?: WriteMode; lang?: string | null } }
  interface Response { data: RunView }
}
/** GET /auto-alt-text/runs (latest first), GET /auto-alt-text/runs/:id */
export declare namespace GetRuns {
  interface Response { data: RunView[] }
}
export declare namespace GetRun {
  interface Response { data: RunView }
}
/** POST /auto-alt-text/runs/:id/{pause|resume|cancel|retry-failed} */
export declare namespace RunAction {
  interface Response { data: RunView }
}
/** GET /auto-alt-text/failures?runId=&page=&pageSize= */
export declare namespace GetFailures {
  interface Response { data: Page<FailureView> }
}
/** POST /auto-alt-text/failures/retry — `{ jobIds }` or `{ runId }` or `{}` (all). */
export declare namespace RetryFailures {
  interface Request { body: { jobIds?: number[]; runId?: number } }
  interface Response { data: { retried: number } }
}
/** GET /auto-alt-text/media?page=&pageSize=&filter=all|missing|generated|human&search= */
export declare namespace GetMedia {
  interface Response { data: Page<MediaItemView> }
}
/** POST /auto-alt-text/media/:id/regenerate — overwrites this one image's alt text. */
export declare namespace RegenerateMedia {
  interface Request { body: { lang?: string | null } }
  interface Response { data: { queued: boolean } }
}
/** PUT /auto-alt-text/media/:id — a human edit; from then on the text counts as human-written. */
export declare namespace UpdateMediaAltText {
  interface Request { body: { alternativeText: string } }
  interface Response { data: MediaItemView }
}
