import type { Core } from '@strapi/strapi';
import { FILE_UID } from '../utils/plugin-id';
import { readConfig } from '../config/read';
import { readDeliverySettings, type DeliverySettings } from '../config/delivery';
import { createStorageAccess, type StorageAccess } from './storage-access';
import type { OpenedObject } from './storage-reader';
import type { StoredFile } from './types';
import { deriveSigningKeys, verifySignedQuery, type VerifyResult } from './url-signer';
import { renditionOf } from './variant';

export interface SignedImage extends OpenedObject {
  mime: string;
}

/**
 * The read side of plugin-signed URLs: checks a query string and opens exactly the rendition it
 * was signed for. Built lazily by the route (the upload provider exists only after bootstrap).
 */
export const createSignedImageReader = (strapi: Core.Strapi, settings: DeliverySettings = readDeliverySettings(strapi)) => {
  const keys = deriveSigningKeys({
    signingSecret: settings.signingSecret,
    appKeys: strapi.config.get('server.app.keys') as unknown[] | undefined,
  });
  let storage: StorageAccess | undefined;
  const storageAccess = () => (storage ??= createStorageAccess(strapi, settings, readConfig(strapi).requestTimeoutMs));

  return {
    verify: (rawQuery: string, nowSeconds = Math.floor(Date.now() / 1000)): VerifyResult =>
      verifySignedQuery(rawQuery, keys, nowSeconds),

    /** The signed rendition's bytes; undefined when it no longer exists or cannot be read safely. */
    async open(fileId: number, variant: Parameters<typeof renditionOf>[1]): Promise<SignedImage | undefined> {
      const file = (await strapi.db.query(FILE_UID).findOne({ where: { id: fileId } })) as StoredFile | null;
      if (!file) return undefined;
      const object = renditionOf(file, variant);
      if (!object?.hash || !object.mime?.toLowerCase().startsWith('image/')) return undefined;
      const reader = storageAccess().readerFor(file);
      if (!reader) return undefined;
      try {
        const opened = await reader.open(object);
        return { ...opened, mime: object.mime.toLowerCase() };
      } catch {
        return undefined;
      }
    },
  };
};

export type SignedImageReader = ReturnType<typeof createSignedImageReader>;
