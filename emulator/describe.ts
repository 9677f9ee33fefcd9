// Fake "vision": alt text derived from the image's actual pixels (size, format and dominant
// colour), so a test can tell exactly which image reached the provider. Deterministic: the same
// bytes and options always give the same text.

import sharp from 'sharp';
import { ECOMMERCE_FIELDS, type EcommerceHints } from './types';

/** Refuse images over 25 megapixels (e.g. 5000×5000) instead of decoding them into memory. */
export const MAX_INPUT_PIXELS = 25_000_000;

/** Sampling grid for colour analysis; nearest-neighbour keeps flat colours exact. */
const SAMPLE_SIZE = 128;

/** Formats the real services accept (AltTextLab: PNG, JPEG, WebP, AVIF, SVG; GIF is common). */
const FORMAT_NAMES: Partial<Record<string, string>> = {
  png: 'PNG',
  jpeg: 'JPEG',
  webp: 'WebP',
  gif: 'GIF',
  svg: 'SVG',
  heif: 'AVIF', // sharp reports AVIF as heif with av1 compression; HEIC is refused below
};

/** Thrown for bytes that are not an acceptable image. Its message never contains the bytes. */
export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

export type DescribeStyle = 'descriptive' | 'neutral' | 'matter-of-fact' | 'minimal';

export interface DescribeOptions {
  /** BCP 47-ish code; anything whose primary subtag is not `en` is marked, e.g. "[de] …". */
  lang?: string;
  /** Unknown styles are treated as `neutral` (the providers' default). */
  style?: string;
  /** Hints; mentioned in every style but `minimal`. */
  keywords?: string[];
  /** AltTextLab's product facts; named after the keywords, in every style but `minimal`. */
  ecommerce?: EcommerceHints;
  /** The entry that uses the image, as a prompt's entry context named it; named before the keywords. */
  usedOn?: { type?: string; title: string };
  /**
   * Several languages at once, as a model in JSON mode answers them: the text is then a JSON object
   * with one text per language, each exactly what a request in that one `lang` would get.
   */
  langs?: readonly string[];
}

interface Rgb {
  r: number;
  g: number;
  b: number;
}

const PALETTE: ReadonlyArray<{ name: string } & Rgb> = [
  { name: 'black', r: 0, g: 0, b: 0 },
  { name: 'dark gray', r: 64, g: 64, b: 64 },
  { name: 'gray', r: 128, g: 128, b: 128 },
  { name: 'light gray', r: 192, g: 192, b: 192 },
  { name: 'white', r: 255, g: 255, b: 255 },
  { name: 'red', r: 220, g: 30, b: 30 },
  { name: 'dark red', r: 128, g: 0, b: 0 },
  { name: 'orange', r: 255, g: 140, b: 0 },
  { name: 'brown', r: 140, g: 80, b: 30 },
  { name: 'beige', r: 225, g: 205, b: 170 },
  { name: 'yellow', r: 250, g: 220, b: 30 },
  { name: 'olive', r: 128, g: 128, b: 0 },
  { name: 'green', r: 40, g: 170, b: 40 },
  { name: 'dark green', r: 0, g: 90, b: 0 },
  { name: 'teal', r: 0, g: 128, b: 128 },
  { name: 'cyan', r: 0, g: 220, b: 220 },
  { name: 'blue', r: 30, g: 60, b: 220 },
  { name: 'navy', r: 0, g: 0, b: 128 },
  { name: 'purple', r: 128, g: 0, b: 160 },
  { name: 'magenta', r: 230, g: 0, b: 200 },
  { name: 'pink', r: 255, g: 160, b: 190 },
];

/** The palette colour closest to `rgb` (plain RGB distance; the first wins a tie). */
export function colourName(rgb: Rgb): string {
  let best = PALETTE[0];
  let bestDistance = Infinity;
  for (const colour of PALETTE) {
    const distance = (colour.r - rgb.r) ** 2 + (colour.g - rgb.g) ** 2 + (colour.b - rgb.b) ** 2;
    if (distance < bestDistance) {
      best = colour;
      bestDistance = distance;
    }
  }
  return best.name;
}

function hex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

export interface ColourShare {
  name: string;
  /** Mean colour of the pixels closest to this palette entry. */
  hex: string;
  /** Fraction (0–1) of the opaque pixels. */
  share: number;
}

export interface ImageFacts {
  width: number;
  height: number;
  /** Display name: PNG, JPEG, WebP, GIF, SVG or AVIF. */
  format: string;
  /** Most common colours first; empty when every pixel is transparent. */
  colours: ColourShare[];
}

/** Decodes and samples the image. Throws `ImageDecodeError` for anything not acceptable. */
export async function analyseImage(bytes: Buffer): Promise<ImageFacts> {
  const options = { limitInputPixels: MAX_INPUT_PIXELS, animated: false } as const;
  // Reading the header decodes no pixels, so no limit here: the size check below can then say
  // "too large" instead of sharp's generic refusal. The decode further down is limited.
  const metadata = await sharp(bytes, { ...options, limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw new ImageDecodeError('the bytes are not a decodable image');
    });
  const format = FORMAT_NAMES[metadata.format];
  if (!format || (metadata.format === 'heif' && metadata.compression !== 'av1')) {
    throw new ImageDecodeError(`image format ${metadata.format} is not supported`);
  }
  const { width, height } = metadata;
  if (!width || !height) throw new ImageDecodeError('the image has no dimensions');
  if (width * height > MAX_INPUT_PIXELS) {
    throw new ImageDecodeError(`the image is larger than ${MAX_INPUT_PIXELS / 1_000_000} megapixels`);
  }

  let pixels: Buffer;
  try {
    pixels = await sharp(bytes, options)
      .resize(SAMPLE_SIZE, SAMPLE_SIZE, { fit: 'inside', kernel: 'nearest', withoutEnlargement: true })
      .ensureAlpha()
      .raw()
      .toBuffer();
  } catch {
    throw new ImageDecodeError('the image data is corrupt');
  }
  return { width, height, format, colours: tallyColours(pixels) };
}

/** Groups opaque RGBA pixels by nearest palette colour and averages each group. */
function tallyColours(rgba: Buffer): ColourShare[] {
  const groups = new Map<string, { count: number; r: number; g: number; b: number }>();
  let opaque = 0;
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    if (rgba[i + 3] < 128) continue; // mostly transparent pixels are not "seen"
    opaque += 1;
    const pixel = { r: rgba[i], g: rgba[i + 1], b: rgba[i + 2] };
    const name = colourName(pixel);
    const group = groups.get(name) ?? { count: 0, r: 0, g: 0, b: 0 };
    group.count += 1;
    group.r += pixel.r;
    group.g += pixel.g;
    group.b += pixel.b;
    groups.set(name, group);
  }
  return [...groups]
    .map(([name, g]) => ({
      name,
      hex: hex({ r: Math.round(g.r / g.count), g: Math.round(g.g / g.count), b: Math.round(g.b / g.count) }),
      share: g.count / opaque,
      count: g.count,
    }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .map(({ name, hex: colourHex, share }) => ({ name, hex: colourHex, share }));
}

function isEnglish(lang: string | undefined): boolean {
  return lang === undefined || lang.trim() === '' || lang.trim().toLowerCase().split(/[-_]/)[0] === 'en';
}

/**
 * Alt text for the image, e.g. "A 64×48 image dominated by red (#d01818)".
 * `minimal` is shortest, `descriptive` longest; a non-English `lang` adds a "[de] " marker; the
 * other options add a tail (see `hintTail`); `langs` gives a JSON object of such texts.
 */
export async function describeImage(bytes: Buffer, opts: DescribeOptions = {}): Promise<string> {
  const facts = await analyseImage(bytes);
  const textIn = (lang: string | undefined) => languageMarker(lang) + composeText(facts, opts);
  if (opts.langs) return JSON.stringify(Object.fromEntries(opts.langs.map((lang) => [lang, textIn(lang)])));
  return textIn(opts.lang);
}

function languageMarker(lang: string | undefined): string {
  return isEnglish(lang) ? '' : `[${(lang as string).trim().toLowerCase()}] `;
}

function composeText(facts: ImageFacts, opts: DescribeOptions): string {
  const size = `${facts.width}×${facts.height}`;
  const [main, second] = facts.colours;
  const tail = hintTail(opts);

  if (!main) {
    if (opts.style === 'minimal') return `Transparent ${size} image`;
    return `A ${size} fully transparent ${facts.format} image${tail}`;
  }
  const colour = `${main.name} (${main.hex})`;
  switch (opts.style) {
    case 'minimal':
      return `${capitalise(main.name)} ${size} image`;
    case 'matter-of-fact':
      return `${size} ${facts.format} image, mostly ${colour}${tail}`;
    case 'descriptive': {
      const coverage =
        main.share >= 0.999 ? 'in one flat colour' : `covering about ${Math.round(main.share * 100)}% of the picture`;
      const accent = second && second.share >= 0.05 ? `, with areas of ${second.name} (${second.hex})` : '';
      return `A ${size} ${facts.format} image dominated by ${colour}, ${coverage}${accent}${tail}`;
    }
    default:
      return `A ${size} image dominated by ${colour}${tail}`;
  }
}

/**
 * What the client said beyond the image, appended so a test can tell it reached the provider:
 * `; for the Article "Blue Ridge trail"; keywords: hiking, trail; product: Trail Runner, brand: Acme`.
 * Empty without hints, so the text of a plain call never changes.
 */
function hintTail(opts: DescribeOptions): string {
  const parts: string[] = [];
  if (opts.usedOn) parts.push(`for ${opts.usedOn.type ? `the ${opts.usedOn.type} ` : ''}"${opts.usedOn.title}"`);
  const keywords = (opts.keywords ?? []).filter((k) => k.trim() !== '');
  if (keywords.length > 0) parts.push(`keywords: ${keywords.join(', ')}`);
  const facts = ECOMMERCE_FIELDS.flatMap((field) => {
    const fact = opts.ecommerce?.[field]?.trim();
    return fact ? [`${field}: ${fact}`] : [];
  });
  if (facts.length > 0) parts.push(facts.join(', '));
  return parts.map((part) => `; ${part}`).join('');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
