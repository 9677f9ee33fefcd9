import { columns, internalModel } from './define';

export const PROVENANCE_UID = 'plugin::auto-alt-text.provenance';

/** What the plugin wrote per file: alt text that still equals it counts as generated, not human. */
export const provenanceModel = internalModel(PROVENANCE_UID, 'auto_alt_text_provenance', {
  rowTimes: false,
  attributes: {
    fileId: { type: 'integer', column: { notNullable: true, unique: true } },
    /** The exact text the plugin wrote: when the file's alt text differs, a human changed it. */
    text: { type: 'text' },
    ...columns('string', 'provider', 'lang', 'strategy'),
    /** Written by the fallback provider (config `fallback`); false for the primary, null in rows written before it existed. */
    fallback: { type: 'boolean' },
    jobId: { type: 'integer' },
    generatedAt: { type: 'datetime' },
    /** `generated` (null in rows written before imports existed), `cache` (the same bytes' text reused, no call: counts as generated) or `imported` (a CSV import: protected like a human's text). */
    source: { type: 'string' },
    /** The entry whose context shaped the text ({ uid, documentId, typeName, title }), null for pixels only. */
    context: { type: 'json' },
  },
});
