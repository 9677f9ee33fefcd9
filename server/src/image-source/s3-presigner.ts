import { GetObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { StoredFile } from './types';

/**
 * Presigns GetObject for files stored by `@strapi/provider-upload-aws-s3`, with the upload
 * provider's own bucket and credentials but OUR expiry: the provider's `getSignedUrl` uses its
 * `signedUrlExpires` (15 min by default, shared with admin thumbnails), far longer than a URL
 * handed to a third party should live. It also signs when the provider has a CDN `baseUrl`, where
 * the provider's own `getSignedUrl` returns the URL unsigned.
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
  presign(file: StoredFile, expiresSeconds: number): Promise<string>;
}

export const AWS_S3_PROVIDER_NAMES = ['aws-s3', '@strapi/provider-upload-aws-s3'];

// The same key rules as the upload provider, so we sign the object it actually wrote.
const sanitizePathComponent = (component?: string | null): string =>
  component ? component.replace(/\.\./g, '').replace(/^\/+|\/+$/g, '').replace(/\/+/g, '/') : '';

export const objectKeyFor = (file: StoredFile, rootPath?: string): string => {
  const prefix = rootPath ? `${rootPath.replace(/\/+$/, '')}/` : '';
  const folder = sanitizePathComponent(file.path);
  const ext = file.ext ? file.ext.replace(/[^a-zA-Z0-9.]/g, '') : '';
  return `${prefix}${folder ? `${folder}/` : ''}${sanitizePathComponent(file.hash)}${ext}`;
};

export const createS3Presigner = (options: AwsS3ProviderOptions): S3Presigner | undefined => {
  const s3Options = options.s3Options;
  const bucket = s3Options?.params?.Bucket;
  if (!s3Options || !bucket) return undefined;
  const { params, accessKeyId, secretAccessKey, ...clientConfig } = s3Options;
  const credentials =
    clientConfig.credentials ?? (accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined);
  const client = new S3Client({ ...clientConfig, ...(credentials ? { credentials } : {}) });
  return {
    bucket,
    // The provider uploads public-read when no ACL is configured.
    isPrivate: params?.ACL === 'private',
    presign: (file, expiresSeconds) =>
      getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: objectKeyFor(file, options.rootPath) }), {
        expiresIn: expiresSeconds,
      }),
  };
};
