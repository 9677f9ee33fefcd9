import type { Check } from './types';

/** A camera's or phone's file name: IMG_2041, DSC01234, DSCN0042, PXL_20230612_…, GOPR0012, DJI_0042, P1030456. */
const CAMERA_NAME = /\b(?:IMG|DSC[FN]?|PXL|MVIMG|VID|GOPR|GH0\d|DJI|SAM|WP|SDC)[_-]?\d{3,}|\bP\d{7}\b/iu;
const EXTENSION = /\.(?:jpe?g|png|gif|webp|avif|heic|heif|tiff?|bmp|svg)\b/iu;
/** One "word" glued with _ or -, with no space at all: hero_banner_final, red-bike-2. */
const SLUG = /^[\p{L}\p{N}]+(?:[_-][\p{L}\p{N}]+){1,}$/u;

const baseName = (name: string): string => name.replace(/\.[a-z0-9]{2,5}$/i, '');
const spaced = (value: string): string => value.toLowerCase().replace(/[_\-.\s]+/g, ' ').trim();

/** FILE_NAME: the text is (or holds) a file name — a camera's, an extension, or this file's own name. */
export const fileName: Check = ({ text, fileName: name }) => {
  const trimmed = text.trim();
  const camera = CAMERA_NAME.exec(trimmed);
  if (camera) return { code: 'FILE_NAME', reason: `contains the camera file name "${camera[0]}"` };
  const extension = EXTENSION.exec(trimmed);
  if (extension) return { code: 'FILE_NAME', reason: `contains a file extension "${extension[0]}"` };
  if (SLUG.test(trimmed)) return { code: 'FILE_NAME', reason: `"${trimmed}" reads like a file name` };
  if (name) {
    const base = baseName(name);
    if (base.length >= 4 && spaced(trimmed) === spaced(base)) return { code: 'FILE_NAME', reason: `is the file's own name "${name}"` };
  }
  return null;
};
