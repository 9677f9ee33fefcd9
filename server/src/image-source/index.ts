import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../config/schema';
import { fileLabel } from '../utils/file-label';
import { ImageDeliveryError } from './errors';
import { encodeInline, InlineImageError } from './inline-encoder';
import { isAbsoluteHttpUrl, isPubliclyReachableUrl } from './reachability';
import { readDeliverySettings, type DeliverySettings } from '../config/delivery';
import { createStorageAccess, LOCAL_PROVIDER } from './storage-access';
import { readAll, StorageReadError } from './storage-reader';
import { planDelivery, type DeliveryFacts } from './strategy';
import type { DeliveryStrategy, ImageTransport, ImageVariant, ResolvedImage, ResolveOptions, StoredFile, StoredObject } from './types';
import { deriveSigningKeys, signedQuery } from './url-signer';
import { SIGNED_IMAGE_ROUTE } from '../utils/plugin-id';
import { chooseVariant } from './variant';
import { uniformityHint } from './uniformity';
import { fingerprintOf, type Fingerprint } from './fingerprint';

export type { DeliveryStrategy, ImageTransport, ResolvedImage, ResolveOptions, StoredFile } from './types';
export { ImageDeliveryError, strategyOf } from './errors';
export { createSignedImageReader } from './signed-image-reader';
export { fingerprintStamp, type Fingerprint } from './fingerprint';

/** Formats every provider decodes from a URL; anything else is better rasterised and sent inline. */
const WEB_SAFE_MIMES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
const BOTH: readonly ImageTransport[] = ['url', 'base64'];

/** Strapi's `server.url` as the plugin-signed route's origin, and whether outsiders can reach it. */
export const readServerUrl = (strapi: Core.Strapi): { url?: string; kind: DeliveryFacts['serverUrl'] } => {
  const url = strapi.config.get('server.url') as string | undefined;
  if (!isAbsoluteHttpUrl(url)) return { kind: 'none' };
  return { url: url.replace(/\/+$/, ''), kind: isPubliclyReachableUrl(url) ? 'public' : 'private' };
};

/**
 * Decides, per file and per provider, how the provider reaches the bytes while storage stays
 * private (strategies and the `auto` order: see `planDelivery`), and produces the URL or the
 * inline image. Failures are `ImageDeliveryError`s naming the strategy attempted.
 */
export const createImageSource = (
  strapi: Core.Strapi,
  config: PluginConfig,
  settings: DeliverySettings = readDeliverySettings(strapi)
) => {
  const storage = createStorageAccess(strapi, settings, config.requestTimeoutMs);
  const signingKeys = deriveSigningKeys({
    signingSecret: settings.signingSecret,
    appKeys: strapi.config.get('server.app.keys') as unknown[] | undefined,
  });
  const apiPrefix = ((strapi.config.get('api.rest.prefix') as string | undefined) ?? '/api').replace(/\/+$/, '');

  const fail = (
    code: 'IMAGE_UNREACHABLE' | 'UNSUPPORTED_IMAGE',
    file: StoredFile,
    reason: string,
    strategy?: DeliveryStrategy
  ) => new ImageDeliveryError(code, reason, { provider: config.provider, file: fileLabel(file), strategy });

  const factsFor = async (file: StoredFile, object: StoredObject, serverUrl: DeliveryFacts['serverUrl']): Promise<DeliveryFacts> => {
    const inS3 = storage.inS3(file);
    const providerPrivate = await storage.isPrivate(file);
    const providerSigns = !inS3 && providerPrivate && storage.providerSigner(file) !== undefined;
    const fileUrlAbsolute = isAbsoluteHttpUrl(object.url);
    return {
      presignable: inS3 || providerSigns,
      fileUrlAbsolute,
      fileUrlReachable: isPubliclyReachableUrl(object.url),
      providerPrivate,
      serverUrl,
      signingKey: signingKeys.length > 0,
      readable: inS3 || file.provider === LOCAL_PROVIDER || providerSigns || fileUrlAbsolute,
      needsRaster: !WEB_SAFE_MIMES.has(object.mime.toLowerCase()),
    };
  };

  /** One strategy's attempt: the image, or undefined when it turned out unusable (try the next). */
  const attempt = async (
    strategy: DeliveryStrategy,
    file: StoredFile,
    variant: ImageVariant,
    object: StoredObject,
    serverUrl: string | undefined
  ): Promise<ResolvedImage['image'] | undefined> => {
    switch (strategy) {
      case 'presigned': {
        if (storage.inS3(file) && storage.presigner) {
          return { url: await storage.presigner.presign(object, config.presignExpiresSeconds) };
        }
        const url = await storage.providerSigner(file)?.(object);
        return url ? { url } : undefined;
      }
      case 'public': {
        if (isAbsoluteHttpUrl(object.url)) return { url: object.url };
        return serverUrl ? { url: new URL(object.url, `${serverUrl}/`).toString() } : undefined;
      }
      case 'signed': {
        if (!serverUrl || signingKeys.length === 0) return undefined;
        const exp = Math.floor(Date.now() / 1000) + config.presignExpiresSeconds;
        const query = signedQuery(signingKeys[0], { fileId: file.id, variant, exp });
        return { url: `${serverUrl}${apiPrefix}${SIGNED_IMAGE_ROUTE}?${query}` };
      }
      case 'inline':
        return inline(file, object);
    }
  };

  const inline = async (file: StoredFile, object: StoredObject): Promise<ResolvedImage['image']> => {
    const reader = storage.readerFor(file);
    if (!reader) throw fail('IMAGE_UNREACHABLE', file, 'its bytes cannot be read from this storage', 'inline');
    try {
      const bytes = await readAll(reader, object, settings.inlineMaxBytes);
      const encoded = await encodeInline(bytes, { maxEdge: config.inlineMaxEdge });
      return { base64: encoded.base64, mime: encoded.mime };
    } catch (error) {
      if (error instanceof InlineImageError) throw fail('UNSUPPORTED_IMAGE', file, error.message, 'inline');
      if (error instanceof StorageReadError) {
        throw fail(error.kind === 'too-large' ? 'UNSUPPORTED_IMAGE' : 'IMAGE_UNREACHABLE', file, error.message, 'inline');
      }
      throw error;
    }
  };

  return {
    /** The file's content hash (image-source/fingerprint.ts); undefined when this storage cannot be read. Rejects when the read fails. */
    fingerprint: (file: StoredFile): Promise<Fingerprint | undefined> => fingerprintOf(storage, file),

    /**
     * Decorative detection: "uniform colour" for a flat image. Reads the smallest rendition Strapi
     * made (the ~245 px thumbnail, a few KB; the original when there is none, bounded by
     * inlineMaxBytes): a disk read on local storage, one GET on S3 — never a provider call.
     */
    async uniformity(file: StoredFile): Promise<string | undefined> {
      const reader = storage.readerFor(file);
      if (!reader) return undefined;
      const object = file.formats?.thumbnail?.hash ? file.formats.thumbnail : file;
      try {
        return await uniformityHint(await readAll(reader, object, settings.inlineMaxBytes));
      } catch {
        return undefined;
      }
    },

    async resolve(file: StoredFile, options: ResolveOptions = {}): Promise<ResolvedImage> {
      const accepts = options.accepts && options.accepts.length > 0 ? options.accepts : BOTH;
      const { variant, object } = chooseVariant(file, config.inlineMaxEdge);
      const server = readServerUrl(strapi);
      const plan = planDelivery(config.imageDelivery, accepts, await factsFor(file, object, server.kind));
      if (!plan.ok) throw fail('IMAGE_UNREACHABLE', file, plan.reason);

      for (const strategy of plan.strategies) {
        const image = await attempt(strategy, file, variant, object, server.url);
        if (image) return { image, strategy, variant };
      }
      const last = plan.strategies[plan.strategies.length - 1];
      throw fail('IMAGE_UNREACHABLE', file, 'the upload provider returned an unsigned URL (is a baseUrl/CDN set?)', last);
    },
  };
};

export type ImageSource = ReturnType<typeof createImageSource>;
