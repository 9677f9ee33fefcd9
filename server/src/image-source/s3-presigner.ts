import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { OwnS3Settings } from '../config/delivery';
import type { StoredObject } from './types';

/**
 * Presigns GetObject for files stored by `@strapi/provider-upload-aws-s3`, with the upload
 * provider's own bucket and credentials but OUR expiry: the provider's `getSignedUrl` uses its
 * `signedUrlExpires` (15 min by default, shared with admin thumbnails), far longer than a URL
 * handed to a third party should live. It also signs when the provider has a CDN `baseUrl`, where
 * the provider's own `getSignedUrl` returns the URL unsigned. The same client reads the bytes for
 * inline delivery and the plugin-signed route.
 */
export interface AwsS3ProviderOptions {
  rootPath?: string;
  s3Options?: S3ClientConfig & {
    params?: { Bucket?: string; ACL?: string };
    accessKeyId?: string;
    secretAccessKey?: string;
  };
}

export interface S3Presigner {
  readonly bucket: string;
  readonly isPrivate: boolean;
  presign(object: StoredObject, expiresSeconds: number): Promise<string>;
  /** Streams the object; `length` is S3's Content-Length. Rejects when it does not exist or is refused. */
  open(object: StoredObject): Promise<{ stream: Readable; length?: number }>;
  /** S3's own facts about the object (one HEAD): its ETag, size and server-side encryption. */
  head(object: StoredObject): Promise<{ etag?: string; length?: number; encryption?: string }>;
}

export const AWS_S3_PROVIDER_NAMES = ['aws-s3', '@strapi/provider-upload-aws-s3'];

// The same key rules as the upload provider, so we sign the object it actually wrote.
const sanitizePathComponent = (component?: string | null): string =>
  component ? component.replace(/\.\./g, '').replace(/^\/+|\/+$/g, '').replace(/\/+/g, '/') : '';

export const objectKeyFor = (object: Pick<StoredObject, 'hash' | 'ext' | 'path'>, rootPath?: string): string => {
  const prefix = rootPath ? `${rootPath.replace(/\/+$/, '')}/` : '';
  const folder = sanitizePathComponent(object.path);
  const ext = object.ext ? object.ext.replace(/[^a-zA-Z0-9.]/g, '') : '';
  return `${prefix}${folder ? `${folder}/` : ''}${sanitizePathComponent(object.hash)}${ext}`;
};

const presignerFor = (client: S3Client, bucket: string, isPrivate: boolean, rootPath?: string): S3Presigner => ({
  bucket,
  isPrivate,
  presign: (object, expiresSeconds) =>
    getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: objectKeyFor(object, rootPath) }), {
      expiresIn: expiresSeconds,
    }),
  async open(object) {
    const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKeyFor(object, rootPath) }));
    if (!answer.Body) throw new Error('S3 returned no body');
    return { stream: answer.Body as Readable, length: answer.ContentLength };
  },
  async head(object) {
    const answer = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKeyFor(object, rootPath) }));
    return { etag: answer.ETag?.replace(/"/g, ''), length: answer.ContentLength, encryption: answer.ServerSideEncryption ?? (answer.SSECustomerAlgorithm ? 'customer' : undefined) };
  },
});

/** From the aws-s3 upload provider's `providerOptions`; undefined when they name no bucket. */
export const createS3Presigner = (options: AwsS3ProviderOptions): S3Presigner | undefined => {
  const s3Options = options.s3Options;
  const bucket = s3Options?.params?.Bucket;
  if (!s3Options || !bucket) return undefined;
  const { params, accessKeyId, secretAccessKey, ...clientConfig } = s3Options;
  const credentials =
    clientConfig.credentials ?? (accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined);
  const client = new S3Client({ ...clientConfig, ...(credentials ? { credentials } : {}) });
  // The provider uploads public-read when no ACL is configured.
  return presignerFor(client, bucket, params?.ACL === 'private', options.rootPath);
};

/** From the plugin's own `s3` settings, for upload providers that cannot presign. */
export const createS3PresignerFromSettings = (s3: OwnS3Settings): S3Presigner => {
  const client = new S3Client({
    region: s3.region,
    ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
    forcePathStyle: s3.forcePathStyle,
    ...(s3.accessKeyId && s3.secretAccessKey
      ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, sessionToken: s3.sessionToken } }
      : {}),
    // S3-compatible servers (MinIO, radosgw, R2) mis-handle the SDK's default aws-chunked checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  // Unknown, so assumed private: a presigned URL works for public objects too.
  return presignerFor(client, s3.bucket, true, s3.rootPath);
};
