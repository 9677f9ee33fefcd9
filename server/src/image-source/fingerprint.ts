import { createHash } from 'node:crypto';
import type { StorageAccess } from './storage-access';
import type { StoredFile } from './types';

/** A file's content hash and how it was had (see models/fingerprint.ts). */
export interface Fingerprint {
  value: string;
  method: 'bytes' | 'etag';
}

/** A single-part upload's ETag is the hex MD5 of its bytes; a multipart one ends in `-<parts>` and is not a content hash. */
const PLAIN_MD5 = /^[0-9a-f]{32}$/i;

/**
 * What the file's bytes are, as cheaply as the storage allows: in S3, the object's ETag when it is
 * the MD5 of the bytes (a single-part upload without KMS or customer-key encryption, whose ETags
 * are not) — one HEAD; otherwise the bytes are read once, streaming, and hashed with SHA-256 (a
 * disk read for local files, a GET for S3 and other storages). Nothing is kept in memory but the hash.
 */
export const fingerprintOf = async (storage: StorageAccess, file: StoredFile): Promise<Fingerprint | undefined> => {
  if (storage.inS3(file) && storage.presigner) {
    const head = await storage.presigner.head(file);
    if (head.etag && PLAIN_MD5.test(head.etag) && (!head.encryption || head.encryption === 'AES256')) {
      return { value: `md5:${head.etag.toLowerCase()}:${head.length ?? ''}`, method: 'etag' };
    }
  }
  const reader = storage.readerFor(file);
  if (!reader) return undefined;
  const { stream } = await reader.open(file);
  const hash = createHash('sha256');
  try {
    for await (const chunk of stream) hash.update(chunk as Buffer);
  } finally {
    stream.destroy();
  }
  return { value: `sha256:${hash.digest('hex')}`, method: 'bytes' };
};

/** Which stored object a fingerprint was computed from (a replace keeps the name: the upload hook forgets the fingerprint then). */
export const fingerprintStamp = (file: StoredFile): string => `${file.hash}${file.ext ?? ''}|${file.size ?? ''}|${file.provider ?? ''}`;
