import { columns, internalModel, required } from './define';

export const RUN_UID = 'plugin::auto-alt-text.run';

/** A bulk run: its scope, mode and how far its enqueuer got. */
export const runModel = internalModel(RUN_UID, 'auto_alt_text_runs', {
  attributes: {
    /** `scope`: which files; `skippedAtEnqueue`: files looked at but not sent, per reason ({ "not an image": 3 }). */
    ...columns('json', 'scope', 'skippedAtEnqueue'),
    ...{ mode: required('string'), status: required('string') },
    /** `locale`: the one locale the run writes; null = every locale the plugin writes. */
    ...columns('string', 'lang', 'locale', 'enqueueOwner', 'createdBy'),
    /** Highest file id already considered by the page-by-page enqueuer. */
    cursor: { type: 'integer', default: 0 },
    enqueueComplete: { type: 'boolean', default: false },
    /** Ask the provider for every image, even those whose bytes were described the same way before (no cache). */
    force: { type: 'boolean', default: false },
    /**
     * Credits the run's paid calls took from the budget (one per call, given back when the call cost
     * nothing; a cache hit takes none), counted as they happen. Null for a run started before the
     * plugin counted them (that spending is only in the day's ledger, not per run).
     */
    credits: { type: 'integer' },
    /** Its jobs by status, kept once the run ended and none of them owes work: the history reads them instead of counting. */
    jobCounts: { type: 'json' },
    ...columns('datetime', 'enqueueLeaseUntil', 'finishedAt'),
  },
});
