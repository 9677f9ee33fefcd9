import type { ProviderName, Style } from '../config/schema';

/** How the provider receives the pixels: a URL it fetches itself, or the bytes inline. */
export type ImageInput = { url: string } | { base64: string; mime: string };
export type ImageDelivery = 'url' | 'base64';

export interface GenerateRequest {
  image: ImageInput;
  lang: string;
  style: Style;
  keywords?: string[];
  /** What the provider may use to word the text: the file's name, the site's description. */
  context?: { fileName?: string; site?: string };
  /** Human label of the file, used in error messages only ("#12 cat.png"). */
  fileLabel: string;
}

export interface VerifyResult {
  valid: boolean;
  account?: string;
}

export interface Credits {
  remaining: number;
  plan?: string;
  refillsAt?: string;
}

/**
 * The contract every alt-text API adapter fulfils.
 *
 * Error rules: every method either resolves with a parsed, validated value or rejects with an
 * `AltTextError` whose code says what happened. Nothing else escapes an adapter, and no error
 * message carries the API key or the image URL.
 */
export interface AltTextProvider {
  readonly name: ProviderName;
  /** Which deliveries the API takes, most preferred first. */
  readonly accepts: readonly ImageDelivery[];
  /** Resolves with cleaned, non-empty alt text. */
  generate(request: GenerateRequest): Promise<string>;
  /** Resolves `{ valid: false }` for a rejected key; rejects only when the answer is unknown. */
  verifyKey(): Promise<VerifyResult>;
  /** Resolves `undefined` when the API does not report credits. */
  getCredits(): Promise<Credits | undefined>;
}

export interface ProviderSettings {
  apiKey: string;
  baseUrl?: string;
  timeoutMs: number;
  /** Longest alt text kept (cut at a word boundary). */
  maxLength: number;
  /** OpenAI-compatible only. */
  model?: string;
  promptTemplate?: string;
}
