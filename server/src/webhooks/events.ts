import type { RunScope } from '../../../shared/contracts/runs';
import type { PauseReason, WriteMode } from '../../../shared/vocabulary';
import type { AltTextChange } from '../alt-text/changes';
import { totalOf } from '../utils/count-snapshots';

/**
 * The plugin's events in Strapi's Settings → Webhooks (key → event name). Registered with the
 * webhook store so a webhook may subscribe to them; Strapi posts `{ event, createdAt, ...payload }`.
 */
export const WEBHOOK_EVENTS = {
  ALT_TEXT_GENERATED: 'alt-text.generated',
  ALT_TEXT_FAILED: 'alt-text.failed',
  ALT_TEXT_RUN_FINISHED: 'alt-text.run.finished',
  ALT_TEXT_QUEUE_PAUSED: 'alt-text.queue.paused',
} as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[keyof typeof WEBHOOK_EVENTS];

/*
 * Every payload is built field by field from ids, codes and counts: never a key, an image URL
 * (signed or not), a provider's error message (it may quote a URL) or a file's bytes.
 */

/** One image's text written by the provider (or from the cache) in one locale, after its commit. */
export interface GeneratedPayload {
  fileId: number;
  documentId: string | null;
  locale: string;
  source: 'generated' | 'cache';
  text: string;
  provider: string | null;
  jobId: number | null;
}

/** A job that ended failed for good (no retry left), with its error code only. */
export interface FailedPayload {
  fileId: number;
  documentId: string | null;
  /** The locales left without text by this job. */
  locales: string[];
  source: 'generated';
  errorCode: string;
  jobId: number;
  runId: number | null;
}

/** A run's scope without its lists of ids (a run over chosen files can name thousands). */
export type ScopeSummary =
  | { kind: 'missing' | 'all' | 'flagged' }
  | { kind: 'folder'; folderId: number }
  | { kind: 'ids'; files: number }
  | { kind: 'entries'; model: string; documentIds: string[]; locale: string | null };

export interface RunFinishedPayload {
  runId: number;
  scope: ScopeSummary;
  mode: WriteMode;
  locale: string | null;
  /** `cancelled`: told when the cancel lands; counts as of then (calls already paid for may still finish). */
  status: 'done' | 'cancelled';
  counts: { total: number; done: number; skipped: number; failed: number; cancelled: number };
  /** Not `createdAt`: Strapi's delivery sets that field (the time it was sent). */
  startedAt: string | null;
  finishedAt: string;
}

export interface QueuePausedPayload {
  reason: PauseReason;
  /** ISO: the pause ends by itself then (BUDGET_REACHED); null = until resumed. */
  resumesAt: string | null;
}

/** The change seam's kinds a webhook is told as `alt-text.generated`: the provider's text, fresh or cached. */
export const generatedPayloadOf = (change: AltTextChange, documentId: string | null): GeneratedPayload | undefined => {
  if (change.kind !== 'generated' && change.kind !== 'cached') return undefined;
  return {
    fileId: change.fileId,
    documentId,
    locale: change.locale,
    source: change.kind === 'cached' ? 'cache' : 'generated',
    text: change.text,
    provider: change.provider ?? null,
    jobId: change.jobId ?? null,
  };
};

export const scopeSummaryOf = (scope: RunScope): ScopeSummary => {
  switch (scope.kind) {
    case 'folder':
      return { kind: 'folder', folderId: scope.folderId };
    case 'ids':
      return { kind: 'ids', files: scope.ids.length };
    case 'entries':
      return { kind: 'entries', model: scope.model, documentIds: [...scope.documentIds], locale: scope.locale ?? null };
    default:
      return { kind: scope.kind };
  }
};

const isoOf = (value: string | Date | null | undefined): string | null => (value ? new Date(value).toISOString() : null);

export const runFinishedPayloadOf = (
  run: { id: number; scope: RunScope; mode: WriteMode; locale: string | null; createdAt: string | Date | null },
  counts: Record<string, number>,
  finishedAt: Date,
  status: RunFinishedPayload['status'] = 'done'
): RunFinishedPayload => {
  const count = (status: string) => counts[status] ?? 0;
  return {
    runId: run.id,
    scope: scopeSummaryOf(run.scope),
    mode: run.mode,
    locale: run.locale,
    status,
    counts: { total: totalOf(counts), done: count('done'), skipped: count('skipped'), failed: count('failed'), cancelled: count('cancelled') },
    startedAt: isoOf(run.createdAt),
    finishedAt: finishedAt.toISOString(),
  };
};

export const queuePausedPayloadOf = (reason: PauseReason, resumesAt?: Date): QueuePausedPayload => ({ reason, resumesAt: isoOf(resumesAt) });
