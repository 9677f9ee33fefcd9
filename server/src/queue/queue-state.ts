import type { Core } from '@strapi/strapi';
import type { PauseReason } from '../../../shared/vocabulary';
import { PLUGIN_ID } from '../utils/plugin-id';

export type { PauseReason } from '../../../shared/vocabulary';

/**
 * Whether the whole queue is paused, and why. Kept in Strapi's core store (the database), so
 * every replica sees the same answer: when the key is rejected, credits run out or the budget is
 * spent, no replica keeps spending until the admin resumes, the key is verified or the period ends.
 */
export interface QueueState {
  paused: boolean;
  reason?: PauseReason;
  message?: string;
  since?: string;
  /** Last four characters of the key in use when the pause happened (a new key resumes). */
  keyHint?: string;
  /** ISO: the pause ends by itself then, in whichever replica looks first (BUDGET_REACHED: the next UTC day or month). */
  resumesAt?: string;
}

const RUNNING: QueueState = { paused: false };

export const createQueueStateStore = (strapi: Core.Strapi) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'queue-state' });

  return {
    async get(): Promise<QueueState> {
      const value = (await store().get({})) as QueueState | null | undefined;
      return value && typeof value.paused === 'boolean' ? value : RUNNING;
    },
    /** Returns the state written. */
    async pause(reason: PauseReason, message: string, keyHint?: string, resumesAt?: Date): Promise<QueueState> {
      const state: QueueState = { paused: true, reason, message, keyHint, since: new Date().toISOString(), ...(resumesAt ? { resumesAt: resumesAt.toISOString() } : {}) };
      await store().set({ value: state });
      return state;
    },
    async resume(): Promise<void> {
      await store().set({ value: RUNNING });
    },
  };
};

export type QueueStateStore = ReturnType<typeof createQueueStateStore>;
