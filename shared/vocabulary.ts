/**
 * The plugin's vocabulary, declared once for the server (config schema, request validation,
 * models) and the admin (forms, badges): each list is the check and the type.
 */

export const PROVIDER_NAMES = ['alttextlab', 'alttextai', 'openai'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export const STYLES = ['descriptive', 'neutral', 'matter-of-fact', 'minimal'] as const;
export type Style = (typeof STYLES)[number];

export const IMAGE_DELIVERIES = ['auto', 'presigned', 'signed', 'public', 'inline'] as const;
export type ImageDeliveryMode = (typeof IMAGE_DELIVERIES)[number];

/** `fill` writes only missing alt text; `overwrite` replaces any. */
export const WRITE_MODES = ['fill', 'overwrite'] as const;
export type WriteMode = (typeof WRITE_MODES)[number];

export const RUN_STATUSES = ['running', 'paused', 'cancelled', 'done'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const JOB_STATUSES = ['pending', 'running', 'done', 'skipped', 'failed', 'paused', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** `BUDGET_REACHED`: the `budget` (credits per UTC day or month) is spent; the queue resumes by itself when the period ends. */
export const PAUSE_REASONS = ['INVALID_KEY', 'OUT_OF_CREDITS', 'MISCONFIGURED', 'MANUAL', 'BUDGET_REACHED'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/**
 * Who uploaded a file, as Strapi authenticated the request: the admin panel, an API token, an end
 * user of users-permissions (logged in or public), code running in the server (no request), or any
 * other request (a custom auth strategy, a route without auth).
 */
export const UPLOAD_SOURCES = ['admin', 'api-token', 'users-permissions', 'server', 'other'] as const;
export type UploadSource = (typeof UPLOAD_SOURCES)[number];

/** Where a text came from: the plugin, a person (typed in the admin or the Media Library), a CSV import. */
export const TEXT_SOURCES = ['generated', 'human', 'imported'] as const;
export type TextSource = (typeof TEXT_SOURCES)[number];

/** Generated text held for an editor's review: never (`off`), when the image had none (`new`), always (`all`). */
export const REVIEW_MODES = ['off', 'new', 'all'] as const;
export type ReviewMode = (typeof REVIEW_MODES)[number];

/** A Strapi locale code as the i18n plugin writes them: "en", "fr", "pt-BR", "zh-Hans". */
export const LOCALE_CODE = /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i;

/** A language code: "en", "de", "en-gb", "zh-hans". */
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;
export const LANGUAGE_CODE_RULE = 'must be a language code such as "en", "de" or "en-gb"';

/** The admin's media list filters: every image, or by where its alt text came from (`decorative`: marked or suggested, alt=""); `flagged`: its current text has quality flags (needs review). */
export const MEDIA_FILTERS = ['all', 'missing', 'generated', 'human', 'decorative', 'flagged'] as const;
export type MediaFilter = (typeof MEDIA_FILTERS)[number];

/**
 * Why jobs go to the fallback provider (config `fallback`): the primary is out of credits, its key
 * was refused, or it has been failing transiently (5xx, timeouts) for `fallback.afterTransientSeconds`.
 */
export const FALLBACK_REASONS = ['OUT_OF_CREDITS', 'INVALID_KEY', 'TRANSIENT'] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];
