// Turns what a client sent (a URL to fetch, or base64 bytes) into alt text, classifying every
// failure so each provider can render it in its own error shape.

import { describeImage, ImageDecodeError, type DescribeOptions } from './describe';
import { fetchImage } from './fetch-image';

export type ImageInput = { kind: 'url'; url: string } | { kind: 'base64'; data: string };

export type ImageOutcome =
  | { ok: true; text: string; fetchStatus?: number }
  | {
      ok: false;
      /** `fetch`: the URL could not be fetched; `invalid`: bytes arrived but are not an image. */
      kind: 'fetch' | 'invalid' | 'bad-base64';
      fetchStatus?: number;
      /** Safe to show a client: never contains the URL. */
      message: string;
    };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes plain base64, or a `data:` URL's payload. Returns undefined for anything else, since
 * Buffer.from(…, 'base64') silently skips junk characters and would hide a client bug.
 */
export function decodeBase64(data: string): Buffer | undefined {
  const payload = data.startsWith('data:') ? /^data:[^,]*;base64,(.*)$/s.exec(data)?.[1] : data;
  if (payload === undefined) return undefined;
  const compact = payload.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 === 1 || !BASE64.test(compact)) return undefined;
  return Buffer.from(compact, 'base64');
}

export async function describeInput(
  input: ImageInput,
  options: DescribeOptions & { fetchTimeoutMs: number },
): Promise<ImageOutcome> {
  let bytes: Buffer;
  let fetchStatus: number | undefined;
  if (input.kind === 'url') {
    const fetched = await fetchImage(input.url, { timeoutMs: options.fetchTimeoutMs });
    if (!fetched.ok) return { ok: false, kind: 'fetch', fetchStatus: fetched.status, message: fetched.message };
    bytes = fetched.bytes;
    fetchStatus = fetched.status;
  } else {
    const decoded = decodeBase64(input.data);
    if (!decoded) return { ok: false, kind: 'bad-base64', message: 'image data is not valid base64' };
    bytes = decoded;
  }

  try {
    const text = await describeImage(bytes, options);
    return { ok: true, text, fetchStatus };
  } catch (error) {
    const reason = error instanceof ImageDecodeError ? error.message : 'the image could not be processed';
    return { ok: false, kind: 'invalid', fetchStatus, message: `invalid image: ${reason}` };
  }
}
