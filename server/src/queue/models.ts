/**
 * Internal database models (not content types: no admin UI, no documentId), registered in
 * `register` like the upload plugin's own AI-metadata jobs. Jobs and runs live in the app's
 * database so they survive restarts and several Strapi replicas share one queue.
 */
export const JOB_UID = 'plugin::auto-alt-text.job';
export const RUN_UID = 'plugin::auto-alt-text.run';
export const PROVENANCE_UID = 'plugin::auto-alt-text.provenance';

export const JOB_STATUSES = ['pending', 'running', 'done', 'skipped', 'failed', 'paused', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const RUN_STATUSES = ['running', 'paused', 'cancelled', 'done'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const JOB_REASONS = ['upload', 'replace', 'manual', 'run'] as const;
export type JobReason = (typeof JOB_REASONS)[number];

export const WRITE_MODES = ['fill', 'overwrite'] as const;
export type WriteMode = (typeof WRITE_MODES)[number];

const timestamps = {
  createdAt: { type: 'datetime', default: () => new Date() },
  updatedAt: { type: 'datetime', default: () => new Date() },
} as const;

export const jobModel = {
  uid: JOB_UID,
  tableName: 'auto_alt_text_jobs',
  singularName: 'job',
  attributes: {
    id: { type: 'increments' },
    fileId: { type: 'integer', column: { notNullable: true } },
    /**
     * The file id while the job owes work (pending, running, paused), null once it ended. Unique, so
     * the database itself refuses a second active job for one file, whatever races above it.
     */
    activeFileId: { type: 'integer' },
    runId: { type: 'integer' },
    reason: { type: 'string', column: { notNullable: true } },
    mode: { type: 'string', column: { notNullable: true } },
    lang: { type: 'string' },
    status: { type: 'string', column: { notNullable: true } },
    attempts: { type: 'integer', default: 0 },
    /** 429s waited out so far; past `maxRateLimitWaits` the job fails instead of waiting again. */
    rateLimitWaits: { type: 'integer', default: 0 },
    /** A request that arrived while the job was running ({ reason, mode, lang }), queued when it ends. */
    followUp: { type: 'json' },
    availableAt: { type: 'datetime' },
    leaseOwner: { type: 'string' },
    leaseUntil: { type: 'datetime' },
    strategy: { type: 'string' },
    errorCode: { type: 'string' },
    errorMessage: { type: 'text' },
    finishedAt: { type: 'datetime' },
    ...timestamps,
  },
  indexes: [
    { name: 'auto_alt_text_jobs_claim_idx', columns: ['status', 'available_at'], type: null },
    { name: 'auto_alt_text_jobs_file_idx', columns: ['file_id'], type: null },
    { name: 'auto_alt_text_jobs_active_file_uq', columns: ['active_file_id'], type: 'unique' },
    { name: 'auto_alt_text_jobs_run_idx', columns: ['run_id', 'status'], type: null },
  ],
};

export const runModel = {
  uid: RUN_UID,
  tableName: 'auto_alt_text_runs',
  singularName: 'run',
  attributes: {
    id: { type: 'increments' },
    scope: { type: 'json' },
    mode: { type: 'string', column: { notNullable: true } },
    lang: { type: 'string' },
    status: { type: 'string', column: { notNullable: true } },
    /** Highest file id already considered by the page-by-page enqueuer. */
    cursor: { type: 'integer', default: 0 },
    enqueueComplete: { type: 'boolean', default: false },
    /** Files the run looked at but did not send, with the reason per kind: { "not an image": 3 }. */
    skippedAtEnqueue: { type: 'json' },
    enqueueOwner: { type: 'string' },
    enqueueLeaseUntil: { type: 'datetime' },
    createdBy: { type: 'string' },
    finishedAt: { type: 'datetime' },
    ...timestamps,
  },
};

export const provenanceModel = {
  uid: PROVENANCE_UID,
  tableName: 'auto_alt_text_provenance',
  singularName: 'provenance',
  attributes: {
    id: { type: 'increments' },
    fileId: { type: 'integer', column: { notNullable: true, unique: true } },
    /** The exact text the plugin wrote: when the file's alt text differs, a human changed it. */
    text: { type: 'text' },
    provider: { type: 'string' },
    lang: { type: 'string' },
    strategy: { type: 'string' },
    jobId: { type: 'integer' },
    generatedAt: { type: 'datetime' },
  },
  indexes: [{ name: 'auto_alt_text_provenance_file_idx', columns: ['file_id'], type: 'unique' }],
};
