import { internalModel, required } from './define';

export const FINGERPRINT_UID = 'plugin::auto-alt-text.fingerprint';

/**
 * What a file's bytes are, as a content hash (issue 16): `sha256:<hex>` of the bytes, or
 * `md5:<etag>:<size>` where S3's ETag of a single-part upload already is the MD5 of the bytes.
 * `stamp` is the stored object's name, size and provider when it was computed (a different stamp
 * means compute again); a replace keeps the stored name, so the upload hook deletes the row then.
 */
export const fingerprintModel = internalModel(FINGERPRINT_UID, 'auto_alt_text_fingerprints', {
  attributes: {
    fileId: { type: 'integer', column: { notNullable: true, unique: true } },
    fingerprint: required('string'),
    /** `bytes` (read and hashed) or `etag` (the storage's own MD5). */
    method: required('string'),
    stamp: required('string'),
  },
  indexes: [{ name: 'auto_alt_text_fingerprints_value_idx', columns: ['fingerprint'], type: null }],
});
