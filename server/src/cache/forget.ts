import type { Core } from '@strapi/strapi';
import { createFingerprintStore } from './fingerprints';
import { createCachedTexts } from './texts';

/**
 * A file left the library: its fingerprint goes, and with it the cached texts of those bytes
 * unless another file still has them — a deleted image's text is not handed to a later upload.
 * Only the deleted file's bytes are looked at: deleting 500 files is 500 small deletes, not 500
 * scans of the whole cache.
 */
export const forgetCachedFile = async (strapi: Core.Strapi, fileId: number): Promise<void> => {
  const prints = createFingerprintStore(strapi);
  const known = await prints.get(fileId);
  if (!known) return;
  await prints.forget([fileId]);
  await createCachedTexts(strapi).forgetUnlessKept(known.fingerprint);
};
