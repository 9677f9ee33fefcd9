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
  /** The text this change replaced, when it was not missing (history keeps it as the image's `original`). */
  previous?: string | null;
  /** The file's name, when the writer has the row at hand (quality compares the text with it; absent: it reads the file). */
  fileName?: string | null;
  /** The file's document id, when the writer has the row at hand (webhooks send it; absent: they read it). */
  documentId?: string | null;
  /** The writer knows this locale has no suggestion awaiting review: there is none to drop (one statement fewer per job). */
  noSuggestion?: boolean;
}

export type AltTextChangeListener = (change: AltTextChange) => Promise<void>;

/** A listener told many changes at once (a CSV import's chunk): one statement instead of one per change. */
export type AltTextChangesListener = (changes: AltTextChange[]) => Promise<void>;

export const SYSTEM_ACTOR: AltTextActor = { kind: 'system' };

const listenersOf = new WeakMap<object, AltTextChangesListener[]>();

/** Registers a listener (at register time): history, quality. */
export const onAltTextChange = (strapi: Core.Strapi, listener: AltTextChangeListener): void => {
  onAltTextChanges(strapi, async (changes) => {
    for (const change of changes) await listener(change);
  });
};

/** Registers a listener that takes a batch of changes (history: one insert per CSV chunk). */
export const onAltTextChanges = (strapi: Core.Strapi, listener: AltTextChangesListener): void => {
  listenersOf.set(strapi, [...(listenersOf.get(strapi) ?? []), listener]);
};

/**
 * Tells every listener, one after another. Inside a transaction (a CSV import) their writes join
 * it, and a failure rolls the whole import back; outside one, a listener's failure is logged and
 * never undoes or fails the write that already happened.
 */
export const altTextChanged = (strapi: Core.Strapi, change: AltTextChange, options: { inTransaction?: boolean } = {}): Promise<void> =>
  altTextChangedMany(strapi, [change], options);

/** Many changes told at once (a CSV import's chunk), with the same rules as `altTextChanged`. */
export const altTextChangedMany = async (strapi: Core.Strapi, changes: AltTextChange[], options: { inTransaction?: boolean } = {}): Promise<void> => {
  if (changes.length === 0) return;
  for (const listener of listenersOf.get(strapi) ?? []) {
    if (options.inTransaction) {
      await listener(changes);
      continue;
    }
    try {
      await listener(changes);
    } catch (error) {
      const [first] = changes;
      const which = changes.length === 1 ? `file #${first.fileId} (${first.locale})` : `${changes.length} changes`;
      strapi.log.warn(`[${PLUGIN_ID}] ${which}: the change was stored, but not its ${first.kind} record (${error instanceof Error ? error.message : 'unknown error'})`);
    }
  }
};
