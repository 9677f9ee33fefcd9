/** What identifies a Media Library file where a text field names it by URL (Blocks, Markdown). */
export interface FileKeys {
  id: number;
  /** The stored object's name without extension: `trail_4f2a9c`. Unique per file. */
  hash: string | null;
  /** `.png` */
  ext: string | null;
  /** As stored: absolute for S3, `/uploads/…` for the local provider. */
  url: string | null;
}

/** The last path segment of a URL or path, without query or fragment: `trail_4f2a9c.png`. */
export const lastSegment = (url: string): string => {
  const path = url.split(/[?#]/, 1)[0];
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
};

/**
 * Whether a URL found in content names this file: the same URL, the stored path under any host
 * (the editor prefixes `/uploads/…` with the backend's URL, a CDN may serve another host), or a
 * resized format of it (`small_trail_4f2a9c.png`: formats are stored as `<format>_<hash><ext>`).
 */
export const urlNamesFile = (url: string, file: FileKeys): boolean => {
  if (!url) return false;
  if (file.url && (url === file.url || (file.url.startsWith('/') && url.split(/[?#]/, 1)[0].endsWith(file.url)))) return true;
  if (!file.hash) return false;
  const name = safeSegment(url);
  const stored = `${file.hash}${file.ext ?? ''}`;
  return name === stored || name.endsWith(`_${stored}`);
};

const safeSegment = (url: string): string => {
  try {
    return lastSegment(url);
  } catch {
    return ''; // a malformed %-escape names no file
  }
};

/** The hashes a URL may name (itself, or the original behind a format prefix), for a lookup by hash. */
export const hashCandidates = (url: string): string[] => {
  const stem = safeSegment(url).replace(/\.[^.]*$/, '');
  if (!stem) return [];
  const underscore = stem.indexOf('_');
  return underscore > 0 ? [stem, stem.slice(underscore + 1)] : [stem];
};
