import type { BudgetView } from './spending';
import type { RunStatus, WriteMode } from '../vocabulary';

/** Bulk runs (`/auto-alt-text/runs*`). */

/**
 * Which images a run covers; `entries`: the images those entries use, each described with its entry's context;
 * `flagged`: the images whose current text has quality flags, each written again in its flagged locales only
 * (fill: the plugin's own texts; overwrite: a person's too).
 */
export type RunScope =
  | { kind: 'missing' }
  | { kind: 'all' }
  | { kind: 'folder'; folderId: number }
  | { kind: 'ids'; ids: number[] }
  | { kind: 'entries'; model: string; documentIds: string[]; locale?: string | null }
  | { kind: 'flagged' };

export interface RunView {
  id: number;
  scope: RunScope;
  mode: WriteMode;
  /** The provider was asked for every image, the cache not used. */
  force: boolean;
  lang: string | null;
  /** The one locale the run writes; null = every locale the plugin writes. */
  locale: string | null;
  status: RunStatus;
  enqueueComplete: boolean;
  createdAt: string;
  finishedAt: string | null;
  counts: { total: number; queued: number; done: number; skipped: number; failed: number; pending: number; running: number; cancelled: number };
  skippedReasons: Record<string, number>;
  /** Images processed (described or failed) of those sent to the provider; skips are not progress, a cancelled run keeps the share it reached. */
  progressPercent: number;
  /**
   * Credits the run's provider calls took (one per paid call, a call the provider did not charge given
   * back, a text from the cache free), counted as they happen; null for a run older than that count.
   */
  credits: number | null;
}

/** Who started a run: an admin (named as Strapi names them), or code (the service API, a script: `label` is what it passed as `createdBy`). */
export type RunStarter = { kind: 'admin'; name: string } | { kind: 'code'; label: string | null };

/** A run in the history: its view, who started it, and names for the ids in its scope. */
export interface RunHistoryItem extends RunView {
  startedBy: RunStarter;
  /** `folderPath`: a folder run's folder as the folder picker names it ("Photos / 2024"; null once the folder is deleted); `contentType`: an entries run's content type by its display name. */
  scopeNames: { folderPath?: string | null; contentType?: string };
}

export interface EstimateView {
  images: number;
  /** Provider calls the run would make: one per image and locale (one per image for an OpenAI-compatible model, which answers every language at once). */
  calls: number;
  /** Credits at one per call, for providers that bill per image (calls answered from the cache cost none). */
  credits: number;
  /** Images whose every owed text is likely in the cache (the same bytes described with the same settings before): no call, no credit. 0 for a forced run. */
  fromCache: number;
  /** Images that need a text, per locale. */
  perLocale: Record<string, number>;
  alreadyQueued: number;
  /** Texts a person wrote (typed or imported) that the run would replace, one per image and locale: 0 unless it overwrites. */
  peopleTexts: number;
  skipped: Record<string, number>;
  /** The budget as of now and whether the run needs more credits than it has left (it then pauses and goes on at `resetsAt`); null without a budget. */
  budget: (BudgetView & { wouldExceed: boolean }) | null;
}

/** POST /auto-alt-text/runs/estimate — `locale`: the one locale the run would write; absent or null = every locale. */
export declare namespace EstimateRun {
  interface Request { body: { scope: RunScope; mode?: WriteMode; locale?: string | null; force?: boolean } }
  interface Response { data: EstimateView }
}

/** POST /auto-alt-text/runs */
export declare namespace CreateRun {
  interface Request { body: { scope: RunScope; mode?: WriteMode; lang?: string | null; locale?: string | null; force?: boolean } }
  interface Response { data: RunView }
}

/**
 * GET /auto-alt-text/runs?page=&pageSize= — the run history, newest first (page 1 of 20 without a query,
 * as before paging; pageSize at most 100); `meta.pagination` says how many runs there are.
 */
export declare namespace GetRuns {
  interface Request { query: { page?: string; pageSize?: string } }
  interface Response { data: RunHistoryItem[]; meta: { pagination: { page: number; pageSize: number; total: number; pageCount: number } } }
}

/** GET /auto-alt-text/runs/:id */
export declare namespace GetRun {
  interface Response { data: RunView }
}

/** POST /auto-alt-text/runs/:id/{pause|resume|cancel|retry-failed} */
export declare namespace RunAction {
  interface Response { data: RunView }
}
