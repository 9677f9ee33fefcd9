import { Readable } from 'node:stream';
import type { S3Presigner } from '../../../server/src/image-source/s3-presigner';
import { createS3Reader, readAll, StorageReadError } from '../../../server/src/image-source/storage-reader';

/**
 * Storage faults at the reader boundary: what an admin reads when S3 is down, refuses or has lost
 * the object. Messages carry a system error code at most — never a host, port, key or URL.
 */
const object = { hash: 'photo_abc', ext: '.png', mime: 'image/png', url: 'https://bucket.s3.example/photo_abc.png' };
const failingWith = (error: unknown): S3Presigner => ({
  bucket: 'bucket',
  isPrivate: true,
  presign: async () => 'https://bucket.s3.example/photo_abc.png?X-Amz-Signature=0',
  open: async () => {
    throw error;
  },
  head: async () => {
    throw error;
  },
});
const readError = async (presigner: S3Presigner) => {
  const error = await readAll(createS3Reader(presigner), object, 1024 * 1024).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(StorageReadError);
  return error as StorageReadError;
};

describe('S3 read failures are named', () => {
  test('endpoint down (a Node system error): "S3 could not be reached (ECONNREFUSED)"', async () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:9000'), { code: 'ECONNREFUSED', $metadata: {} });
    expect(await readError(failingWith(error))).toMatchObject({ kind: 'refused', message: 'S3 could not be reached (ECONNREFUSED)' });
  });

  test('the same error wrapped by the SDK without its code (another realm): the code is still named, the address is not', async () => {
    const error = Object.assign(new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 10.1.2.3:9000'), { $metadata: {} });
    const failure = await readError(failingWith(error));
    expect(failure.message).toBe('S3 could not be reached (ECONNREFUSED)');
    expect(failure.message).not.toContain('10.1.2.3');
  });

  test('a 404: "the object is not in the bucket" (kind missing)', async () => {
    const error = Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    expect(await readError(failingWith(error))).toMatchObject({ kind: 'missing', message: 'the object is not in the bucket' });
  });

  test('a 403: "S3 refused the read (403)"', async () => {
    const error = Object.assign(new Error('AccessDenied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    expect(await readError(failingWith(error))).toMatchObject({ kind: 'refused', message: 'S3 refused the read (403)' });
  });

  test('a connection dropped in the middle of the body: "the read was interrupted"', async () => {
    const stream = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
      },
    });
    const presigner: S3Presigner = { ...failingWith(undefined), open: async () => ({ stream }) };
    expect(await readError(presigner)).toMatchObject({ kind: 'refused', message: 'the read was interrupted' });
  });
});
