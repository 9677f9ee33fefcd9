/**
 * Permission to have one provider call in flight. The worker takes one for each job it claims and
 * gives it back once the job makes no more provider calls. Per process the worker's own count is the
 * limit (`processSendSlots`); across replicas the slots are rows in the database (cluster-slots.ts).
 */
export interface SendSlot {
  readonly id: number;
}

export interface SendSlots {
  /** Up to `wanted` slots now; fewer, or none, while other replicas hold the rest. */
  acquire(wanted: number): Promise<SendSlot[]>;
  /** Gives a slot back; never rejects (a failure only logs, and the slot's lease runs out). */
  release(slot: SendSlot): Promise<void>;
  /** Keeps a slot held while its job's calls run longer than the lease. */
  renew(slot: SendSlot): void;
}

/** One process's calls in flight are bounded by its worker's own count: every slot asked for is granted. */
export const processSendSlots: SendSlots = {
  async acquire(wanted) {
    return Array.from({ length: Math.max(0, wanted) }, (_, id) => ({ id }));
  },
  async release() {},
  renew() {},
};
