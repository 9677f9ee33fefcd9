import sharp, { type Metadata } from 'sharp';
import { KindedError } from '../errors/kinded-error';

/**
 * Turns stored bytes into what an inline request carries: a JPEG/PNG/WebP no larger than
 * `maxEdge` on its longest side. Formats some providers cannot decode are re-encoded (SVG
 * rasterised, HEIC/TIFF/AVIF → JPEG or PNG, animated GIF → its first frame as PNG). The pixel
 * count is checked from the header before anything is decoded, and libvips is held to the same
 * limit, so a decompression bomb costs a header read, not gigabytes.
 */
export const DEFAULT_MAX_INPUT_PIXELS = 100_000_000;
/** Below this, an SVG is rendered larger so the model sees more than an icon. */
const SVG_MIN_EDGE = 512;
const ENCODE_TIMEOUT_SECONDS = 30;

/** Sent as they are when already small enough: every provider decodes these. */
const PASSTHROUGH = new Map<string, string>([
  ['jpeg', 'image/jpeg'],
  ['png', 'image/png'],
  ['webp', 'image/webp'],
]);
/** Photographic sources become JPEG (small); everything else PNG (sharp edges, alpha). */
const PHOTOGRAPHIC = new Set(['jpeg', 'jpg', 'heif', 'tiff', 'jp2k', 'raw', 'webp']);

export type InlineFailure = 'too-many-pixels' | 'undecodable';

export class InlineImageError extends KindedError<InlineFailure> {
  constructor(kind: InlineFailure, message: string) {
    super('InlineImageError', kind, message);
  }
}

export interface InlineImage {
  base64: string;
  mime: string;
  width: number;
  height: number;
  /** False when the stored bytes were sent untouched. */
  reencoded: boolean;
}

export interface EncodeOptions {
  maxEdge: number;
  maxInputPixels?: number;
}

const megapixels = (pixels: number) => `${Math.round(pixels / 1_000_000)} MP`;

const readMetadata = async (bytes: Buffer): Promise<Metadata> => {
  try {
    // A header read decodes no pixels, so no limit here; the size check below names the problem.
    return await sharp(bytes, { limitInputPixels: false, animated: false }).metadata();
  } catch {
    throw new InlineImageError('undecodable', 'the bytes are not an image this server can decode');
  }
};

export const encodeInline = async (bytes: Buffer, options: EncodeOptions): Promise<InlineImage> => {
  const maxPixels = options.maxInputPixels ?? DEFAULT_MAX_INPUT_PIXELS;
  const metadata = await readMetadata(bytes);
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  if (!width || !height) throw new InlineImageError('undecodable', 'the image has no dimensions');

  const isSvg = metadata.format === 'svg';
  const longest = Math.max(width, height);
  // Vector: render straight at the size we want instead of at its declared (maybe huge) size.
  const density = isSvg
    ? Math.min(2400, Math.max(1, ((metadata.density ?? 72) * Math.min(options.maxEdge, Math.max(longest, SVG_MIN_EDGE))) / longest))
    : undefined;
  const scale = density ? density / (metadata.density ?? 72) : 1;
  const inputPixels = Math.ceil(width * scale) * Math.ceil(height * scale);
  if (inputPixels > maxPixels) {
    throw new InlineImageError(
      'too-many-pixels',
      `the image is ${width}×${height} (${megapixels(width * height)}), over the ${megapixels(maxPixels)} inline limit`
    );
  }

  const orientation = metadata.orientation ?? 1;
  const pages = metadata.pages ?? 1;
  const passthroughMime = PASSTHROUGH.get(metadata.format ?? '');
  if (passthroughMime && pages === 1 && orientation === 1 && longest <= options.maxEdge) {
    return { base64: bytes.toString('base64'), mime: passthroughMime, width, height, reencoded: false };
  }

  const pipeline = sharp(bytes, {
    limitInputPixels: maxPixels,
    // First frame only: an animated GIF/WebP is described by its first frame.
    animated: false,
    ...(density ? { density } : {}),
  })
    .timeout({ seconds: ENCODE_TIMEOUT_SECONDS })
    .autoOrient()
    .resize({ width: options.maxEdge, height: options.maxEdge, fit: 'inside', withoutEnlargement: true });
  const asJpeg = PHOTOGRAPHIC.has(metadata.format ?? '') && !metadata.hasAlpha;
  try {
    const { data, info } = await (asJpeg ? pipeline.jpeg({ quality: 85 }) : pipeline.png({ compressionLevel: 8 })).toBuffer({
      resolveWithObject: true,
    });
    return {
      base64: data.toString('base64'),
      mime: asJpeg ? 'image/jpeg' : 'image/png',
      width: info.width,
      height: info.height,
      reencoded: true,
    };
  } catch (error) {
    const pixelLimit = error instanceof Error && /pixel limit/i.test(error.message);
    throw pixelLimit
      ? new InlineImageError('too-many-pixels', `the image is over the ${megapixels(maxPixels)} inline limit`)
      : new InlineImageError('undecodable', `the ${metadata.format ?? 'image'} data could not be decoded`);
  }
};
