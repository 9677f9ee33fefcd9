import type { Core } from '@strapi/strapi';
import { FINGERPRINT_UID, tableOf } from '../models';
import { fingerprintStamp, type Fingerprint, type ImageSource, type StoredFile } from '../image-source';

interface FingerprintRow {
  fileId: number;
  fingerprint: string;
  method: Fingerprint['method'];
  stamp: string;
}

/**
 * Each file's content hash, computed once per stored object: kept with its stamp (stored name and
 * size), so only new bytes (a replace) are read again.
 */
export const createFingerprintStore = (strapi: Core.Strapi) => {
  const rows = () => strapi.db.query(FINGERPRINT_UID);
  const table = tableOf(strapi, FINGERPRINT_UID);

  const store = {
    async get(fileId: number): Promise<FingerprintRow | null> {
      return (await rows().findOne({ where: { fileId } })) as FingerprintRow | null;
    },

    /** The file's fingerprint: the stored one while its stamp still matches, else computed (and stored). */
    async of(file: StoredFile, imageSource: ImageSource): Promise<Fingerprint | undefined> {
      const stamp = fingerprintStamp(file);
      const known = await store.get(file.id);
      if (known && known.stamp === stamp) return { value: known.fingerprint, method: known.method };
      const computed = await imageSource.fingerprint(file);
      if (!computed) return undefined;
      const now = new Date();
      const changes = table.row({ fingerprint: computed.value, method: computed.method, stamp, updatedAt: now });
      await strapi.db.connection(table.name).insert({ ...changes, ...table.row({ fileId: file.id, createdAt: now }) }).onConflict(table.column('fileId')).merge(changes);
      return computed;
    },

    /** Fingerprints known for these files (no computing): for estimates. */
    async forFiles(fileIds: number[]): Promise<Map<number, string>> {
      if (fileIds.length === 0) return new Map();
      const found = (await rows().findMany({ select: ['fileId', 'fingerprint'], where: { fileId: { $in: fileIds } } })) as FingerprintRow[];
      return new Map(found.map((row) => [row.fileId, row.fingerprint]));
    },

    async forget(fileIds: number[]): Promise<void> {
      if (fileIds.length > 0) await rows().deleteMany({ where: { fileId: { $in: fileIds } } });
    },
  };
  return store;
};

export type FingerprintStore = ReturnType<typeof createFingerprintStore>;
