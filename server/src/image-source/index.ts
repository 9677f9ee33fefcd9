import type { Core } from '@strapi/strapi';
import { AltTextError } from '../providers/errors';
import type { PluginConfig } from '../config/schema';
import { fileLabel } from '../utils/file-label';
import { AWS_S3_PROVIDER_NAMES, createS3Presigner, type AwsS3ProviderOptions } from './s3-presigner';
import type { ResolvedImage, StoredFile } from './types';

export type { ResolvedImage, StoredFile } from './types';

interface UploadProvider {
  isPrivate?: () => boolean | Promise<boolean>;
  getSignedUrl?: (file: StoredFile) => Promise<{ url: string }>;
}

const isAbsoluteHttpUrl = (url: string | undefined | null): url is string => !!url && /^https?:\/\//i.test(url);

/**
 * Decides how the provider reaches one file's bytes, keeping private storage private:
 * 1. files in an S3 bucket of `@strapi/provider-upload-aws-s3` → a GetObject URL presigned with our
 *    short expiry (works for private and public buckets alike);
 * 2. any other private upload provider → its own `getSignedUrl`, refused if it comes back unsigned;
 * 3. public files with an absolute URL → that URL.
 * Anything else fails with IMAGE_UNREACHABLE rather than sending a URL nobody can fetch.
 */
export const createImageSource = (strapi: Core.Strapi, config: PluginConfig) => {
  const upload = strapi.config.get('plugin::upload') as { provider?: string; providerOptions?: AwsS3ProviderOptions };
  const usesAwsS3 = AWS_S3_PROVIDER_NAMES.includes(upload?.provider ?? '');
  const presigner = usesAwsS3 ? createS3Presigner(upload.providerOptions ?? {}) : undefined;

  const unreachable = (file: StoredFile, reason: string) =>
    new AltTextError('IMAGE_UNREACHABLE', reason, { provider: config.provider, file: fileLabel(file) });

  return {
    async resolve(file: StoredFile): Promise<ResolvedImage> {
      const storedInS3 = presigner && (file.provider === upload.provider || AWS_S3_PROVIDER_NAMES.includes(file.provider ?? ''));
      if (storedInS3) {
        const url = await presigner.presign(file, config.presignExpiresSeconds);
        return { image: { url }, strategy: 'presigned' };
      }

      const uploadProvider = strapi.plugin('upload').provider as UploadProvider;
      if (await uploadProvider.isPrivate?.()) {
        const signed = await uploadProvider.getSignedUrl?.(file);
        if (!signed || !isAbsoluteHttpUrl(signed.url) || signed.url === file.url) {
          throw unreachable(file, 'the upload provider is private but returned no signed URL');
        }
        return { image: { url: signed.url }, strategy: 'presigned' };
      }

      if (isAbsoluteHttpUrl(file.url)) return { image: { url: file.url }, strategy: 'public' };

      const serverUrl = strapi.config.get('server.url') as string | undefined;
      if (isAbsoluteHttpUrl(serverUrl)) {
        return { image: { url: new URL(file.url, serverUrl).toString() }, strategy: 'public' };
      }
      throw unreachable(file, 'the file is stored locally and server.url is not an absolute public URL');
    },
  };
};

export type ImageSource = ReturnType<typeof createImageSource>;
