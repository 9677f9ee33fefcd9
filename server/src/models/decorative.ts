import { columns, internalModel, required } from './define';

export const DECORATIVE_UID = 'plugin::auto-alt-text.decorative';

/** `marked`: an editor said the image is pure decoration (alt=""); `suggested`: detection thinks so, nobody confirmed yet. */
export const DECORATIVE_STATUSES = ['marked', 'suggested'] as const;
export type DecorativeStatus = (typeof DECORATIVE_STATUSES)[number];

/**
 * An image that is decoration, or looks like it (issue 15): one row per file. A marked image's
 * texts are '' in every locale and count as covered; a suggested one is left unwritten until someone decides.
 */
export const decorativeModel = internalModel(DECORATIVE_UID, 'auto_alt_text_decoratives', {
  attributes: {
    fileId: required('integer'),
    status: required('string'),
    /** Why detection suggested it ("1×1 px spacer"), or null for an editor's mark. */
    ...columns('string', 'reason'),
    /** Who marked it ({ kind: 'user', id, name } | { kind: 'system' }). */
    actor: { type: 'json' },
  },
  indexes: [{ name: 'auto_alt_text_decoratives_file_uq', columns: ['file_id'], type: 'unique' }],
});
