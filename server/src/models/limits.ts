import { internalModel, required } from './define';

export const SEND_SLOT_UID = 'plugin::auto-alt-text.send-slot';
export const RATE_STATE_UID = 'plugin::auto-alt-text.rate-state';
export const REPLICA_UID = 'plugin::auto-alt-text.replica';

/** Epoch milliseconds: a datetime keeps whole seconds on MySQL, the rate needs milliseconds. */
const epochMs = () => ({ type: 'biginteger', default: 0, column: { notNullable: true } }) as const;

/**
 * The provider calls in flight across every replica (queue/limits/cluster-slots.ts): `concurrency`
 * rows, each held by one replica's job while its provider calls run, under a lease a dead replica's
 * slot comes back after. `releasedAt` lets a replica that holds less than its share take a slot
 * before the one that just gave it back.
 */
export const sendSlotModel = internalModel(SEND_SLOT_UID, 'auto_alt_text_send_slots', {
  attributes: {
    slot: required('integer'),
    owner: { type: 'string' },
    leaseUntil: epochMs(),
    releasedAt: epochMs(),
  },
  indexes: [{ name: 'auto_alt_text_send_slots_slot_uq', columns: ['slot'], type: 'unique' }],
  rowTimes: false,
});

/**
 * The provider's rate across every replica (queue/limits/cluster-rate.ts): one row holding the time
 * the next call may start (`nextAt`, moved on by 1/requestsPerSecond with each call) and the end of
 * a provider's Retry-After (`blockedUntil`); both changed only by compare-and-set updates.
 */
export const rateStateModel = internalModel(RATE_STATE_UID, 'auto_alt_text_rate_state', {
  attributes: {
    name: required('string'),
    nextAt: epochMs(),
    blockedUntil: epochMs(),
  },
  indexes: [{ name: 'auto_alt_text_rate_state_name_uq', columns: ['name'], type: 'unique' }],
  rowTimes: false,
});

/** Replicas that want send slots, each until `seenUntil`: the count that divides `concurrency` into fair shares. */
export const replicaModel = internalModel(REPLICA_UID, 'auto_alt_text_replicas', {
  attributes: {
    owner: required('string'),
    seenUntil: epochMs(),
  },
  indexes: [{ name: 'auto_alt_text_replicas_owner_uq', columns: ['owner'], type: 'unique' }],
  rowTimes: false,
});
