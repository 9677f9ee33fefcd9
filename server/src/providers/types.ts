import type { ProviderName, Style } from '../config/schema';

/** How the provider receives the pixels: a URL it fetches itself, or the bytes inline. */
export type ImageInput = { url: string } | { base64: string; mime: string };
export type ImageDelivery = 'url' | 'base64';

/** Lets the caller abandon a call (shutdown, a cancelled bulk run, its own deadline). */
export interface CallOptions {
  /**
   * Aborting rejects the call with CANCELLED, or with TIMEOUT when the signal's reason is a
   * `TimeoutError` (as from `AbortSignal.timeout(ms)`).
   */
  signal?: AbortSignal;
}

export interface GenerateRequest extends CallOptions {
  image: ImageInput;
  /** The site's language code ("en", "en-gb", "zh-hans"); adapters map it onto what their API takes. */
  lang: string;
  style: Style;
  keywords?: string[];
  /** What the provider may use to word the text: the file's name, the site's description, where the image is used. */
  context?: { fileName?: string; site?: string; entries?: EntryContext[] };
  /** Human label of the file, used in error messages only ("#12 cat.png"). */
  fileLabel: string;
}

/**
 * Several languages from one call (`AltTextProvider.generateLanguages`). `langs` are the site's
 * language codes, as for `lang`; `lang` itself is not used (it is there so the caller can pass the
 * request it would give `generate`).
 */
export type GenerateLanguagesRequest = GenerateRequest & { langs: string[] };

/**
 * One entry (an article, a product, a page) that uses the image, as far as it tells what the image
 * is for. Resolved by the plugin (server/src/context/), bounded in number and length, in a
 * deterministic order; adapters pass what their API takes (see docs/providers.md).
 */
export interface EntryContext {
  /** The content type's uid, `api::article.article`. */
  uid: string;
  documentId: string;
  /** The entry's locale when its type is localized. */
  locale: string | null;
  /** The content type's display name, `Article`. */
  typeName: string;
  /** The entry's title: its content-manager main field. */
  title: string | null;
  /** Text next to the image: the neighbouring heading and paragraphs, the caption of its component. */
  nearbyText: string | null;
  /** Where the image links to, when it is inside a link. */
  link: string | null;
  /** The entry's `seo` component, when it has one. */
  seo: { metaTitle: string | null; metaDescription: string | null; keywords: string[] } | null;
  /** Product facts from fields mapped in `entryContext.ecommerce` for this type (AltTextLab's `ecommerce`). */
  ecommerce: { product?: string; brand?: string; color?: string; material?: string } | null;
  /** Where in the entry the image sits: `cover`, `sections.2.image`, `body`. */
  field: string;
}

/**
 * What `generateJudged` resolves with: the alt text, or the model's judgement that the image is
 * decorative — then there is no text, and the caller decides what to do (the plugin suggests the
 * image as decorative; it never writes an empty alt from a model's answer).
 */
export type JudgedAltText = { text: string } | { decorative: true };

export interface VerifyResult {
  valid: boolean;
  /** Who or what the key belongs to, as the API names it (a plan, a user id). */
  account?: string;
  /** The key works but something else will not (e.g. the configured model is not served). */
  warning?: string;
  /** The key works but a setting makes every call fail before it is sent (an OpenAI-compatible provider with no `model`). */
  unusable?: { setting: 'model'; reason: string };
}

export interface Credits {
  remaining: number;
  plan?: string;
  /** ISO 8601 time of the next top-up, when the API says. */
  refillsAt?: string;
}

/** `reported: false` is an answer, not a failure: the API has no credits endpoint. */
export type CreditsReport = ({ reported: true } & Credits) | { reported: false; reason: string };

/**
 * The contract every alt-text API adapter fulfils.
 *
 * Error rules:
 * - Every method either resolves with a value parsed and validated at the HTTP boundary, or
 *   rejects with an `AltTextError` whose code says what happened. Nothing else escapes.
 * - 401 and rejected keys → INVALID_KEY; exhausted credits/quota → OUT_OF_CREDITS; throttling →
 *   RATE_LIMITED with `retryAfterMs` when the API said how long; an image the API could not fetch →
 *   IMAGE_UNREACHABLE, one it could not read → UNSUPPORTED_IMAGE; HTML pages, malformed JSON, a
 *   body of the wrong shape or empty text → BAD_RESPONSE; 5xx and dropped connections → TRANSIENT;
 *   no answer in time → TIMEOUT; settings this API cannot work with → MISCONFIGURED (before any
 *   request when the adapter can tell); an aborted signal → CANCELLED.
 * - Messages name the provider and, for `generate`, the file; they never carry the API key, the
 *   image URL (it may be presigned) or text copied from the provider's answer.
 */
export interface AltTextProvider {
  readonly name: ProviderName;
  /** Which deliveries the API takes, most preferred first. */
  readonly accepts: readonly ImageDelivery[];
  /** Resolves with cleaned, non-empty alt text of at most the configured length. */
  generate(request: GenerateRequest): Promise<string>;
  /**
   * Whether this API writes in `lang` (a site language code, any case: "fr", "pt-BR"). Free and
   * synchronous: nothing is sent, so the caller can skip a language, with a reason, before a
   * credit is spent. It is not the only guard: `generate` and `generateLanguages` still refuse a
   * language answered `false` with MISCONFIGURED before any request. AltTextAI: its documented
   * set, regional variants mapped onto it (`pt-br` → `pt`; not Traditional Chinese); the others
   * take any language code.
   */
  supportsLanguage(lang: string): boolean;
  /**
   * Optional, for APIs that can answer several languages at once (only the OpenAI-compatible
   * adapter): alt text in every language of `request.langs` from one paid call. Without it, the
   * caller calls `generate` once per language.
   *
   * Resolves with one entry per code of `langs`, keyed as given, each cleaned, non-empty and of at
   * most the configured length; an empty `langs` resolves `{}` without a request. The error rules
   * are `generate`'s, plus: a code in `langs` that is not a language code → MISCONFIGURED before
   * any request; an answer that is not one JSON object, that lacks a requested language, gives one
   * a value that is not a string, or one that is empty after cleaning → BAD_RESPONSE naming the
   * language and what was wrong, never the model's text. The answer succeeds or fails as a whole:
   * the call is paid either way, and a retry asks for every language again.
   */
  generateLanguages?(request: GenerateLanguagesRequest): Promise<Record<string, string>>;
  /**
   * Optional, for APIs whose model can judge an image decorative (only the OpenAI-compatible
   * adapter): `generate` for one language, but the model is also asked whether the image is
   * decorative (adds nothing a reader would miss) and may answer so instead of a text. One paid
   * call either way. The error rules are `generate`'s, plus: an answer that is not the asked JSON,
   * or not decorative with empty text → BAD_RESPONSE. Without it, the caller calls `generate`.
   */
  generateJudged?(request: GenerateRequest): Promise<JudgedAltText>;
  /** Resolves `{ valid: false }` for a rejected key; rejects only when the answer is unknown. */
  verifyKey(options?: CallOptions): Promise<VerifyResult>;
  /** The account's credits, or `{ reported: false }` when the API has no way to tell. */
  getCredits(options?: CallOptions): Promise<CreditsReport>;
}

export interface ProviderSettings {
  /** For OpenAI-compatible servers, '' or `none` sends no Authorization header (Ollama, LM Studio). */
  apiKey: string;
  /** Overrides the adapter's documented base URL (the emulator, a proxy, a self-hosted server). */
  baseUrl?: string;
  /** Deadline for one whole call: connect, send, wait and read. */
  timeoutMs: number;
  /** Deadline for opening the connection; defaults to the smaller of 10 s and `timeoutMs`. */
  connectTimeoutMs?: number;
  /** Longest alt text kept (cut at a word boundary). */
  maxLength: number;
  /** OpenAI-compatible only: the vision model to ask. */
  model?: string;
  /** OpenAI-compatible only: see `openai/prompt.ts` for the placeholders. */
  promptTemplate?: string;
  /** One line per HTTP call (method, path, status, time), secrets removed. */
  log?: (line: string) => void;
}
