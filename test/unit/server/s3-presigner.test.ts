import { createS3Presigner, objectKeyFor } from '../../../server/src/image-source/s3-presigner';

const file = { id: 1, name: 'cat.png', hash: 'cat_abc123', ext: '.png', mime: 'image/png', url: 'x' };

describe('presigning the object the upload provider wrote', () => {
  test('the key follows the provider: rootPath, then folder path, then hash and extension', () => {
    expect(objectKeyFor(file)).toBe('cat_abc123.png');
    expect(objectKeyFor(file, 'media/')).toBe('media/cat_abc123.png');
    expect(objectKeyFor({ ...file, path: '/2024/../05/' }, 'media')).toBe('media/2024/05/cat_abc123.png');
  });

  test('the URL carries the plugin expiry, not the provider thumbnail expiry', async () => {
    const presigner = createS3Presigner({
      rootPath: 'media',
      s3Options: {
        endpoint: 'http://127.0.0.1:9000',
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' },
        params: { Bucket: 'private-bucket', ACL: 'private' },
      },
    });
    const url = new URL(await presigner!.presign(file, 42));
    expect(url.pathname).toBe('/private-bucket/media/cat_abc123.png');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('42');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(presigner!.isPrivate).toBe(true);
  });

  test('no bucket configured means no presigner, rather than URLs for a bucket that does not exist', () => {
    expect(createS3Presigner({ s3Options: { region: 'us-east-1' } })).toBeUndefined();
  });
});
