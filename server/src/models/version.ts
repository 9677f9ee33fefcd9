import { columns, internalModel, required } from './define';

export const VERSION_UID = 'plugin::auto-alt-text.version';

/**
 * One version of an image's alt text in one locale: every change the plugin made or made for a
 * person, newest last (`/media/:id/history`, revert). `original`: the text the image had before.
 */
export const versionModel = internalModel(VERSION_UID, 'auto_alt_text_versions', {
  rowTimes: false,
  attributes: {
    fileId: required('integer'),
    locale: required('string'),
    text: { type: 'text' },
    kind: required('string'),
    /** Who made it: { kind: 'user', id, name } | { kind: 'provider', name } | { kind: 'system' }. */
    actor: { type: 'json' },
    ...columns('string', 'provider', 'lang'),
    jobId: { type: 'integer' },
    createdAt: { type: 'datetime', default: () => new Date() },
  },
  indexes: [{ name: 'auto_alt_text_versions_file_locale_at', columns: ['file_id', 'locale', 'created_at'], type: null }],
});
