// Shared shapes of the emulator: what a test can configure (accounts, faults) and what it can
// inspect afterwards (recorded requests). Kept in one file so the public API reads in one place.

/** The three APIs the emulator speaks. */
export type ProviderName = 'alttextlab' | 'alttextai' | 'openai';

/** An account as configured by a test or the CLI. One key works on all three providers. */
export interface AccountInput {
  key: string;
  credits: number;
  /** Plan name reported by AltTextLab's `/subscriptions/info`; defaults to "Emulator". */
  plan?: string;
}

/** An account as reported back: `charged` counts credits spent on successful generations. */
export interface AccountView {
  key: string;
  credits: number;
  charged: number;
  plan: string;
}

/** The statuses a fault can force. 429 is rendered per provider (AltTextAI answers 403). */
export type FaultStatus = 429 | 500 | 502 | 503;

/**
 * How a model botches a multi-language answer (OpenAI-compatible, a JSON object of texts by
 * language): it leaves out the last language, writes prose instead of JSON, or gives the first
 * language an object instead of a string.
 */
export const BAD_LANGUAGES = ['missing', 'not-json', 'not-string'] as const;
export type BadLanguages = (typeof BAD_LANGUAGES)[number];

/**
 * Misbehaviour to inject. Several may be combined; they apply in this order:
 * `latencyMs` → `hang` → `status`/`htmlBody` → `invalidKey` → the real handling →
 * `malformedJson`/`wrongShape`/`badLanguages` (these corrupt a successful answer; the credit is
 * still spent, as when a proxy mangles a response the provider already billed, or a model answers
 * badly).
 */
export interface Faults {
  /**
   * The whole service time of every matching call, in milliseconds from its request's arrival:
   * the emulator's own work (reading the body, fetching and decoding the image) is part of it,
   * not added to it. A call whose work takes longer answers as soon as the work is done.
   */
  latencyMs?: number;
  /** Answer with this status in the provider's own error shape instead of doing the work. */
  status?: FaultStatus;
  /** Sends `Retry-After: N` with a `status` fault. */
  retryAfterSeconds?: number;
  /** Answer with an HTML error page (status `status` or 502), as a misbehaving gateway does. */
  htmlBody?: boolean;
  /** Never answer: the connection stays open until the client gives up or the emulator closes. */
  hang?: boolean;
  /** Answer 200 with `content-type: application/json` but a truncated body. */
  malformedJson?: boolean;
  /** Answer 200 with valid JSON that lacks the documented fields. */
  wrongShape?: boolean;
  /**
   * Succeed N more times, then be out of credits. Applied when set: it sets the credits of the
   * scoped account (every account when global) to N. It is not counted by `times`.
   */
  creditsAfter?: number;
  /**
   * The model answers a multi-language request badly (see `BadLanguages`); the HTTP answer itself
   * stays a well-formed chat completion. Other answers (one language, other providers) are untouched.
   */
  badLanguages?: BadLanguages;
  /** Answer 401 as if the key had been revoked. */
  invalidKey?: boolean;
  /** Apply to the next N matching requests only, then clear itself. Unlimited when absent. */
  times?: number;
  /**
   * Which requests the fault hits: `generate` (default) only the paid generation calls, `all`
   * also account/credits/verify/models calls. The default keeps a key check from using up `times`.
   */
  endpoints?: 'generate' | 'all';
}

/** Where a fault applies: one key, or every request when `key` is absent. */
export interface FaultScope {
  key?: string;
}

/** The fields AltTextLab documents for its `ecommerce` object, in the order the emulator names them. */
export const ECOMMERCE_FIELDS = ['product', 'brand', 'color', 'material'] as const;
export type EcommerceHints = Partial<Record<(typeof ECOMMERCE_FIELDS)[number], string>>;

/** One generation call as the emulator saw it. */
export interface RecordedRequest {
  provider: ProviderName;
  /** The last 4 characters of the key, prefixed with "…"; absent when no key was sent. */
  key?: string;
  /** How the image was sent; absent when the body named no image. */
  imageSource?: 'url' | 'base64';
  /**
   * The full image URL. In-process only (tests re-fetch it to prove a presigned URL expired);
   * never logged and never exposed by the HTTP control API.
   */
  imageUrl?: string;
  /** Status the image host answered, when the emulator fetched the URL and got an answer. */
  imageFetchStatus?: number;
  /** Status the emulator answered; 0 for a `hang` fault. */
  status: number;
  /** The alt text returned (before any `malformedJson`/`wrongShape` corruption). */
  result?: string;
  /** `lang` / `language` the client asked for, when any. */
  lang?: string;
  /**
   * OpenAI: the languages a multi-language request asked for, in order, as the prompt's JSON answer
   * instruction named them (the keys of the answer). `lang` is then absent.
   */
  langs?: string[];
  /** AltTextLab `style`, when sent. */
  style?: string;
  /** OpenAI: the text parts of the messages, joined by newlines (the prompt as the model would read it). */
  prompt?: string;
  /** AltTextLab `keywords`, when sent as a list of strings. */
  keywords?: string[];
  /** AltTextLab `ecommerce`: its string fields as sent, when it was an object. */
  ecommerce?: EcommerceHints;
  /** Name of the fault that shaped the answer, e.g. "status:429", "latency", "hang". */
  fault?: string;
  /** `Date.now()` when the request arrived. */
  at: number;
}
