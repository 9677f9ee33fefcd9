// Fetches an image URL the way a hosted alt-text service does: a plain GET from the outside,
// no credentials, no redirects, a time limit and a size limit. Messages name what went wrong
// but never the URL: presigned URLs carry their signature in the query string.

/** AltTextLab's own client skips images over 16 MB; the emulator refuses them too. */
export const MAX_IMAGE_BYTES = 16 * 1024 * 1024;

export type FetchImageResult =
  | { ok: true; bytes: Buffer; status: number }
  | {
      ok: false;
      reason: 'bad-url' | 'status' | 'redirect' | 'timeout' | 'network' | 'too-large';
      /** The status the image host answered, when it answered. */
      status?: number;
      message: string;
    };

export interface FetchImageOptions {
  timeoutMs: number;
  maxBytes?: number;
}

export async function fetchImage(url: string, options: FetchImageOptions): Promise<FetchImageResult> {
  const maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'bad-url', message: 'imageUrl is not a valid URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, reason: 'bad-url', message: 'imageUrl must be an http(s) URL' };
  }

  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(parsed, { method: 'GET', redirect: 'manual', signal });
  } catch (error) {
    return describeFetchError(error, signal, options.timeoutMs);
  }

  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    return {
      ok: false,
      reason: 'redirect',
      status: response.status,
      message: `image host answered ${response.status} (redirects are not followed)`,
    };
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'status', status: response.status, message: `image host answered ${response.status}` };
  }

  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return tooLarge(response.status, maxBytes);
  }

  try {
    const bytes = await readLimited(response, maxBytes);
    if (!bytes) return tooLarge(response.status, maxBytes);
    return { ok: true, bytes, status: response.status };
  } catch (error) {
    const failure = describeFetchError(error, signal, options.timeoutMs);
    return { ...failure, status: response.status };
  }
}

function tooLarge(status: number, maxBytes: number): FetchImageResult {
  return {
    ok: false,
    reason: 'too-large',
    status,
    message: `image is larger than ${Math.round(maxBytes / (1024 * 1024))} MB`,
  };
}

/** Reads the body, or returns undefined as soon as it passes `maxBytes`. */
async function readLimited(response: Response, maxBytes: number): Promise<Buffer | undefined> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function describeFetchError(
  error: unknown,
  signal: AbortSignal,
  timeoutMs: number,
): Extract<FetchImageResult, { ok: false }> {
  if (signal.aborted) {
    return { ok: false, reason: 'timeout', message: `image host did not answer within ${timeoutMs} ms` };
  }
  // undici puts the system error (ECONNREFUSED, ENOTFOUND…) in `cause`; its message would name
  // the host and port, so only the code is kept.
  const cause = error instanceof Error ? (error as Error & { cause?: unknown }).cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null && typeof (cause as { code?: unknown }).code === 'string'
      ? (cause as { code: string }).code
      : undefined;
  return {
    ok: false,
    reason: 'network',
    message: code ? `could not reach the image host (${code})` : 'could not reach the image host',
  };
}
