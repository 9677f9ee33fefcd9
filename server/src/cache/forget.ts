import type { Core } from '@strapi/strapi';
import { createFingerprintStore } from './fingerprints';
import { createCachedTexts } from './texts';

/**
 * A file left the library: its fingerprint goes, and with it every cached text of those bytes
 * unless another file still has them — a deleted image's text is not handed to a later upload.
 */
export const forgetCachedFile = async (strapi: Core.Strapi, fileId: number): Promise<void> => {
  await createFingerprintStore(strapi).forget([fileId]);
  await createCachedTexts(strapi).forgetOrphans();
};
