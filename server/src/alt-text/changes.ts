import type { Core } from '@strapi/strapi';
import type { AltTextActor, AltTextChangeKind } from '../../../shared/contracts/history';
import { PLUGIN_ID } from '../utils/plugin-id';

export type { AltTextActor, AltTextChangeKind } from '../../../shared/contracts/history';

/**
 * One image's alt text changed in one locale. Every write the plugin makes (or makes for a person)
 * is told as one change after it is stored: history keeps it as a version, quality checks the text.
 */
export interface AltTextChange {
  fileId: number;
  locale: string;
  /** The text now stored ('' for a decorative image). */
  text: string;
  kind: AltTextChangeKind;
  actor: AltTextActor;
  /** For generated text: the provider and the language it was asked for. */
  provider?: string | null;
  lang?: string | null;
  jobId?: number | null;
}

export type AltTextChangeListener = (change: AltTextChange) => Promise<void>;

export const SYSTEM_ACTOR: AltTextActor = { kind: 'system' };

const listenersOf = new WeakMap<object, AltTextChangeListener[]>();

/** Registers a listener (at register time): history, quality. */
export const onAltTextChange = (strapi: Core.Strapi, listener: AltTextChangeListener): void => {
  listenersOf.set(strapi, [...(listenersOf.get(strapi) ?? []), listener]);
};

/**
 * Tells every listener, one after another. Inside a transaction (a CSV import) their writes join
 * it, and a failure rolls the whole import back; outside one, a listener's failure is logged and
 * never undoes or fails the write that already happened.
 */
export const altTextChanged = async (strapi: Core.Strapi, change: AltTextChange, options: { inTransaction?: boolean } = {}): Promise<void> => {
  for (const listener of listenersOf.get(strapi) ?? []) {
    if (options.inTransaction) {
      await listener(change);
      continue;
    }
    try {
      await listener(change);
    } catch (error) {
      strapi.log.warn(`[${PLUGIN_ID}] file #${change.fileId} (${change.locale}): the change was stored, but not its ${change.kind} record (${error instanceof Error ? error.message : 'unknown error'})`);
    }
  }
};
