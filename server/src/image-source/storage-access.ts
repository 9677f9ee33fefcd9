import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { isAbsoluteHttpUrl } from './reachability';
import { AWS_S3_PROVIDER_NAMES, createS3Presigner, createS3PresignerFromSettings, type AwsS3ProviderOptions, type S3Presigner } from './s3-presigner';
import type { DeliverySettings } from '../config/delivery';
import { createHttpReader, createLocalReader, createS3Reader, type StorageReader } from './storage-reader';
import type { StoredFile, StoredObject } from './types';

/** The parts of an upload provider that delivery uses. */
export interface UploadProvider {
  isPrivate?: () => boolean | Promise<boolean>;
  getSignedUrl?: (file: StoredObject) => Promise<{ url: string }>;
}

export const LOCAL_PROVIDER = 'local';

export interface StorageAccess {
  /** Our presigner (own `s3` settings, else the aws-s3 upload provider's), when there is one. */
  readonly presigner?: S3Presigner;
  /** The file's objects are in the presigner's bucket. */
  inS3(file: StoredFile): boolean;
  /** Whether the file's storage keeps it private; unknown providers count as private. */
  isPrivate(file: StoredFile): Promise<boolean>;
  /** The upload provider's own signed URL, when it is the file's provider, private, and can sign. */
  providerSigner(file: StoredFile): ((object: StoredObject) => Promise<string | undefined>) | undefined;
  /** How this server reads the file's bytes; undefined when it cannot. */
  readerFor(file: StoredFile): StorageReader | undefined;
}

/**
 * Everything that depends on where uploads are stored, built once: the active upload provider
 * (read lazily — it exists only after the upload plugin's bootstrap), the S3 client, the local
 * upload folder.
 */
export const createStorageAccess = (strapi: Core.Strapi, settings: DeliverySettings, timeoutMs: number): StorageAccess => {
  const upload = (strapi.config.get('plugin::upload') ?? {}) as { provider?: string; providerOptions?: AwsS3ProviderOptions };
  const activeProvider = upload.provider ?? LOCAL_PROVIDER;
  const activeIsAwsS3 = AWS_S3_PROVIDER_NAMES.includes(activeProvider);
  const presigner = settings.s3
    ? createS3PresignerFromSettings(settings.s3)
    : activeIsAwsS3
      ? createS3Presigner(upload.providerOptions ?? {})
      : undefined;
  const s3Reader = presigner ? createS3Reader(presigner) : undefined;
  const localReader = createLocalReader(path.resolve(strapi.dirs.static.public, 'uploads'));
  const uploadProvider = () => strapi.plugin('upload').provider as UploadProvider;

  const providerOf = (file: StoredFile) => file.provider ?? activeProvider;
  const isActive = (file: StoredFile) => providerOf(file) === activeProvider;

  const access: StorageAccess = {
    presigner,
    inS3(file) {
      const provider = providerOf(file);
      if (!presigner || provider === LOCAL_PROVIDER) return false;
      return AWS_S3_PROVIDER_NAMES.includes(provider) || isActive(file);
    },
    async isPrivate(file) {
      const provider = providerOf(file);
      if (provider === LOCAL_PROVIDER) return false;
      if (isActive(file)) return Boolean(await uploadProvider().isPrivate?.());
      return true;
    },
    providerSigner(file) {
      if (!isActive(file) || providerOf(file) === LOCAL_PROVIDER) return undefined;
      const provider = uploadProvider();
      if (typeof provider.getSignedUrl !== 'function') return undefined;
      return async (object) => {
        if (!(await provider.isPrivate?.())) return undefined;
        const signed = await provider.getSignedUrl!(object);
        // The aws-s3 provider hands back the stored URL unchanged when it has a `baseUrl` (CDN) or
        // the URL is not its bucket's: that is not a signed URL, and nobody outside could open it.
        const url = signed?.url;
        if (!isAbsoluteHttpUrl(url) || url === object.url || !new URL(url).search) return undefined;
        return url;
      };
    },
    readerFor(file) {
      if (access.inS3(file)) return s3Reader;
      if (providerOf(file) === LOCAL_PROVIDER) return localReader;
      const signer = access.providerSigner(file);
      return createHttpReader(async (object) => {
        const signed = await signer?.(object);
        if (signed) return signed;
        return isAbsoluteHttpUrl(object.url) ? object.url : undefined;
      }, timeoutMs);
    },
  };
  return access;
};
