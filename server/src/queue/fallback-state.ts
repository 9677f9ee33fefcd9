import type { Core } from '@strapi/strapi';
import type { FallbackReason } from '../../../shared/vocabulary';
import { PLUGIN_ID } from '../utils/plugin-id';

/**
 * Whether jobs go to the fallback provider, and why. Kept in Strapi's core store (the database)
 * like the pause state, so every replica routes the same way: one that sees the primary run out
 * switches them all.
 */
export interface FallbackState {
  active: boolean;
  reason?: FallbackReason;
  /** When jobs went to the fallback (ISO time). */
  since?: string;
  /** The first of the primary's current run of transient failures (ISO time); a primary success clears it. */
  transientSince?: string;
  /**
   * The primary jobs were switched from: provider, base URL and the key's last four characters.
   * Another one in force (a new key, a new endpoint) ends the switch.
   */
  primary?: string;
}

export const PRIMARY_IN_USE: FallbackState = { active: false };

const isState = (value: unknown): value is FallbackState => !!value && typeof value === 'object' && typeof (value as FallbackState).active === 'boolean';

export const createFallbackStateStore = (strapi: Core.Strapi) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'fallback-state' });
  return {
    async get(): Promise<FallbackState> {
      const value: unknown = await store().get({});
      return isState(value) ? value : PRIMARY_IN_USE;
    },
    async set(state: FallbackState): Promise<void> {
      await store().set({ value: state });
    },
  };
};

export type FallbackStateStore = Pick<ReturnType<typeof createFallbackStateStore>, 'get' | 'set'>;
