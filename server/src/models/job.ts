import { columns, internalModel, required } from './define';

export const JOB_UID = 'plugin::auto-alt-text.job';

/** Why a job exists: a new upload, new bytes for a file, an admin's request, a bulk run, an entry saved around an image described without context. */
export const JOB_REASONS = ['upload', 'replace', 'manual', 'run', 'context'] as const;
export type JobReason = (typeof JOB_REASONS)[number];

/** One image owed alt text (or done with it), claimed by one worker at a time through its lease. */
export const jobModel = internalModel(JOB_UID, 'auto_alt_text_jobs', {
  attributes: {
    fileId: required('integer'),
    /**
     * The file id while the job owes work (pending, running, paused), null once it ended. Unique, so
     * the database itself refuses a second active job for one file, whatever races above it.
     */
    activeFileId: { type: 'integer' },
    ...columns('integer', 'runId'),
    ...{ reason: required('string'), mode: required('string'), status: required('string') },
    ...columns('string', 'lang', 'leaseOwner', 'strategy', 'errorCode'),
    /** Claims so far (lease take-overs included), and 429s waited out (`maxRateLimitWaits`). */
    ...{ attempts: { type: 'integer', default: 0 }, rateLimitWaits: { type: 'integer', default: 0 } },
    /** A request that arrived while the job was running ({ reason, mode, lang }), queued when it ends. */
    followUp: { type: 'json' },
    /** The entry whose context this job must use ({ uid, documentId, locale }); null = every entry that uses the image. */
    contextEntry: { type: 'json' },
    /** The locales this job writes (json array); null = every locale the plugin writes. Shrinks as locales are written. */
    locales: { type: 'json' },
    /** Ask the provider even when the cache holds a text for the same bytes (a forced run). */
    force: { type: 'boolean', default: false },
    ...columns('datetime', 'availableAt', 'leaseUntil', 'finishedAt'),
    errorMessage: { type: 'text' },
  },
  indexes: [
    { name: 'auto_alt_text_jobs_claim_idx', columns: ['status', 'available_at'], type: null },
    { name: 'auto_alt_text_jobs_file_idx', columns: ['file_id'], type: null },
    { name: 'auto_alt_text_jobs_active_file_uq', columns: ['active_file_id'], type: 'unique' },
    { name: 'auto_alt_text_jobs_run_idx', columns: ['run_id', 'status'], type: null },
  ],
});
