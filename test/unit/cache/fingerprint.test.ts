import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { fingerprintOf } from '../../../server/src/image-source/fingerprint';
import type { S3Presigner } from '../../../server/src/image-source/s3-presigner';
import type { StorageAccess } from '../../../server/src/image-source/storage-access';
import type { StoredFile } from '../../../server/src/image-source/types';

const bytes = Buffer.from('the same pixels, twice');
const file: StoredFile = { id: 1, name: 'a.png', hash: 'a_1', ext: '.png', mime: 'image/png', url: '/a.png', size: 1 };

/** A storage that counts how often the bytes were opened, in S3 (with the given HEAD answer) or not. */
const storageWith = (head?: Awaited<ReturnType<S3Presigner['head']>>) => {
  const state = { opened: 0 };
  const reader = { open: async () => ((state.opened += 1), { stream: Readable.from([bytes]) }) };
  const presigner = head ? ({ head: async () => head } as unknown as S3Presigner) : undefined;
  const storage = { presigner, inS3: () => !!head, readerFor: () => reader } as unknown as StorageAccess;
  return { storage, state };
};
const sha256 = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

describe('a file\'s fingerprint', () => {
  test('outside S3: the bytes are read once and hashed', async () => {
    const { storage, state } = storageWith();
    expect(await fingerprintOf(storage, file)).toEqual({ value: sha256, method: 'bytes' });
    expect(state.opened).toBe(1);
  });

  test('a single-part S3 object: its ETag (the MD5 of its bytes) and size, with no read', async () => {
    const { storage, state } = storageWith({ etag: 'D41D8CD98F00B204E9800998ECF8427E', length: 22 });
    expect(await fingerprintOf(storage, file)).toEqual({ value: 'md5:d41d8cd98f00b204e9800998ecf8427e:22', method: 'etag' });
    expect(state.opened).toBe(0);
  });

  test('a multipart ETag, or one of a KMS-encrypted object, is not a content hash: the bytes are read', async () => {
    for (const head of [{ etag: 'd41d8cd98f00b204e9800998ecf8427e-2', length: 22 }, { etag: 'd41d8cd98f00b204e9800998ecf8427e', length: 22, encryption: 'aws:kms' }]) {
      const { storage, state } = storageWith(head);
      expect(await fingerprintOf(storage, file)).toEqual({ value: sha256, method: 'bytes' });
      expect(state.opened).toBe(1);
    }
  });
});
