import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { S3Presigner } from './s3-presigner';
import type { StoredObject } from './types';
import { KindedError } from '../errors/kinded-error';

/**
 * Reads a stored rendition's bytes: S3 GetObject, a file of the local upload provider, or an
 * http(s) URL (public, or signed by the upload provider). Failures are `StorageReadError`s whose
 * messages name no path, key or URL.
 */
export type StorageReadFailure = 'missing' | 'outside-storage' | 'too-large' | 'refused';

export class StorageReadError extends KindedError<StorageReadFailure> {
  constructor(kind: StorageReadFailure, message: string) {
    super('StorageReadError', kind, message);
  }
}

export interface OpenedObject {
  stream: Readable;
  /** Bytes, when the storage says. */
  length?: number;
}

export interface StorageReader {
  open(object: StoredObject): Promise<OpenedObject>;
}

/** The local provider writes `<public>/uploads/<hash><ext>`, ignoring `path`: exactly that, nothing else. */
const SAFE_HASH = /^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$/;
const SAFE_EXT = /^\.[A-Za-z0-9]{1,10}$/;

export const createLocalReader = (uploadDir: string): StorageReader => ({
  async open(object) {
    const ext = object.ext ?? '';
    if (!SAFE_HASH.test(object.hash) || (ext !== '' && !SAFE_EXT.test(ext))) {
      throw new StorageReadError('outside-storage', 'the stored name is not a plain file name');
    }
    let root: string;
    let real: string;
    try {
      root = await fs.realpath(uploadDir);
      real = await fs.realpath(path.join(root, `${object.hash}${ext}`));
    } catch {
      throw new StorageReadError('missing', 'the file is not in the upload folder');
    }
    // A symlink planted in the upload folder must not lead anywhere else.
    if (path.dirname(real) !== root) throw new StorageReadError('outside-storage', 'the file resolves outside the upload folder');
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch {
      throw new StorageReadError('missing', 'the file could not be opened');
    }
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      throw new StorageReadError('outside-storage', 'not a regular file');
    }
    return { stream: handle.createReadStream(), length: stat.size };
  },
});

export const createS3Reader = (presigner: S3Presigner): StorageReader => ({
  async open(object) {
    try {
      return await presigner.open(object);
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) throw new StorageReadError('missing', 'the object is not in the bucket');
      // No HTTP answer at all (endpoint down, DNS, reset): say so, with the system error code only.
      // (The SDK drops `code` when it wraps an error from another realm: then it is in the message.)
      const given = (error as { code?: unknown }).code;
      const code = typeof given === 'string' ? given : /\b(E[A-Z]{4,})\b/.exec(error instanceof Error ? error.message : '')?.[1];
      if (status === undefined && code && /^E[A-Z_]+$/.test(code)) throw new StorageReadError('refused', `S3 could not be reached (${code})`);
      throw new StorageReadError('refused', `S3 refused the read (${status ?? (error instanceof Error ? error.name : 'error')})`);
    }
  },
});

/** For other upload providers: the URL the app itself can fetch (public, or signed by the provider). */
export const createHttpReader = (urlFor: (object: StoredObject) => Promise<string | undefined>, timeoutMs: number): StorageReader => ({
  async open(object) {
    const url = await urlFor(object);
    if (!url) throw new StorageReadError('missing', 'the file has no URL this server can fetch');
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      throw new StorageReadError('refused', 'the storage could not be reached');
    }
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new StorageReadError(response.status === 404 ? 'missing' : 'refused', `the storage answered ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length'));
    return {
      stream: Readable.fromWeb(response.body as Parameters<typeof Readable.fromWeb>[0]),
      length: Number.isFinite(declared) && declared > 0 ? declared : undefined,
    };
  },
});

/** Reads the whole rendition, refusing (without reading on) once it passes `maxBytes`. */
export const readAll = async (reader: StorageReader, object: StoredObject, maxBytes: number): Promise<Buffer> => {
  const tooLarge = () => new StorageReadError('too-large', `the stored image is over ${Math.round(maxBytes / (1024 * 1024))} MB`);
  // Strapi records the size (KB) at upload: refuse before opening anything.
  if (object.size && object.size * 1000 > maxBytes * 1.05) throw tooLarge();
  const { stream, length } = await reader.open(object);
  if (length !== undefined && length > maxBytes) {
    stream.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      total += buffer.length;
      if (total > maxBytes) throw tooLarge();
      chunks.push(buffer);
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof StorageReadError) throw error;
    throw new StorageReadError('refused', 'the read was interrupted');
  }
  return Buffer.concat(chunks, total);
};
