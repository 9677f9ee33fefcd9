import type { ImageInput } from '../providers/types';

/** One stored rendition of a file: the original row or an entry of its `formats` JSON. */
export interface StoredObject {
  hash: string;
  ext?: string | null;
  mime: string;
  url: string;
  path?: string | null;
  width?: number | null;
  height?: number | null;
  /** Kilobytes, as Strapi stores it. */
  size?: number | null;
}

/** The columns of `plugin::upload.file` that delivery needs. */
export interface StoredFile extends StoredObject {
  id: number;
  name: string;
  provider?: string | null;
  alternativeText?: string | null;
  formats?: Partial<Record<string, StoredObject>> | null;
}

/** Which rendition is sent: the original or one Strapi generated on upload. */
export const IMAGE_VARIANTS = ['original', 'large', 'medium', 'small', 'thumbnail'] as const;
export type ImageVariant = (typeof IMAGE_VARIANTS)[number];

/**
 * How the provider reaches the bytes:
 * - `presigned`: a short-lived S3 GetObject URL (or the private upload provider's own signed URL);
 * - `signed`: a short-lived URL to this plugin's own image route (HMAC over file, variant, expiry);
 * - `public`: the file's own absolute URL;
 * - `inline`: the bytes themselves, base64, downscaled.
 */
export const DELIVERY_STRATEGIES = ['presigned', 'signed', 'public', 'inline'] as const;
export type DeliveryStrategy = (typeof DELIVERY_STRATEGIES)[number];

/** What a provider adapter can take (`AltTextProvider.accepts`), most preferred first. */
export type ImageTransport = 'url' | 'base64';

export interface ResolveOptions {
  /** What the adapter takes; both when absent. */
  accepts?: readonly ImageTransport[];
}

/** What the provider is given, and which strategy produced it (recorded so a failure can say). */
export interface ResolvedImage {
  image: ImageInput;
  strategy: DeliveryStrategy;
  /** The rendition that was sent. */
  variant: ImageVariant;
}
