import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The plugin's own writes of a file's `alternativeText` (generated text, a person's edit in the
 * plugin's page, a decorative mark, a CSV import), told apart from everyone else's — Strapi's Media
 * Library dialog above all — by the code path they run in, not by a field in the data: the file
 * lifecycles that guard the text (lifecycles/emptied-text-guard.ts) let these through.
 */
const ownWrites = new AsyncLocalStorage<true>();

/** Runs `write` as the plugin's own (what it updates, and the lifecycles that update runs, know it). */
export const asOwnWrite = <T>(write: () => Promise<T>): Promise<T> => ownWrites.run(true, write);

export const isOwnWrite = (): boolean => ownWrites.getStore() === true;
