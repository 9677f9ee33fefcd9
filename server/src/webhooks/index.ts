import type { Core } from '@strapi/strapi';
import type { RunScope } from '../../../shared/contracts/runs';
import type { PauseReason, WriteMode } from '../../../shared/vocabulary';
import { onAltTextChange } from '../alt-text/changes';
import { resolveLocaleSet } from '../config/locales';
import { readConfig } from '../config/read';
import { FILE_UID, PLUGIN_ID } from '../utils/plugin-id';
import { generatedPayloadOf, queuePausedPayloadOf, runFinishedPayloadOf, WEBHOOK_EVENTS, type FailedPayload, type WebhookEvent } from './events';

export { WEBHOOK_EVENTS, type WebhookEvent } from './events';

interface WebhookStore {
  addAllowedEvent(key: string, event: string): void;
}

/**
 * At register: the plugin's events become ones a webhook may subscribe to (Strapi's webhook store
 * refuses any other). Strapi's admin lists only its own events in Settings → Webhooks, so a webhook
 * subscribes to these through the admin API or the store (README "Webhooks").
 */
export const registerWebhookEvents = (strapi: Core.Strapi): void => {
  const store = strapi.get('webhookStore') as WebhookStore;
  for (const [key, event] of Object.entries(WEBHOOK_EVENTS)) store.addAllowedEvent(key, event);
};

/**
 * Builds the payload and hands it to Strapi's event hub (whose webhook runner posts it), in the
 * background: the caller never waits for it, and a failure is logged, never thrown — a webhook
 * must not break or slow the job that had something to tell.
 */
const emitInBackground = (strapi: Core.Strapi, event: WebhookEvent, build: () => Promise<object | undefined>): void => {
  void (async () => {
    const payload = await build();
    if (payload) await strapi.eventHub.emit(event, payload);
  })().catch((error: unknown) => {
    strapi.log.warn(`[${PLUGIN_ID}] webhook event ${event} not sent: ${error instanceof Error ? error.message : 'unknown error'}`);
  });
};

/**
 * Emits once the caller's transaction commits (a job's write-back), nothing if it rolls back; at
 * once outside a transaction. A nested `strapi.db.transaction` joins the open one, and its
 * `onCommit` callbacks run after the outermost COMMIT (outside it: the lookups see committed rows).
 */
const emitAfterCommit = async (strapi: Core.Strapi, event: WebhookEvent, build: () => Promise<object | undefined>): Promise<void> => {
  if (!strapi.db.inTransaction()) return emitInBackground(strapi, event, build);
  await strapi.db.transaction(async ({ onCommit }) => {
    onCommit(() => emitInBackground(strapi, event, build));
  });
};

const documentIdOf = async (strapi: Core.Strapi, fileId: number): Promise<string | null> =>
  ((await strapi.db.query(FILE_UID).findOne({ where: { id: fileId }, select: ['documentId'] })) as { documentId?: string } | null)?.documentId ?? null;

/** At register: every text the provider writes (or the cache gives back) is told as `alt-text.generated`, once per locale. */
export const announceGeneratedText = (strapi: Core.Strapi): void => {
  onAltTextChange(strapi, async (change) => {
    if (!generatedPayloadOf(change, null)) return;
    await emitAfterCommit(strapi, WEBHOOK_EVENTS.ALT_TEXT_GENERATED, async () => generatedPayloadOf(change, change.documentId ?? (await documentIdOf(strapi, change.fileId))));
  });
};

/** What the queue tells webhooks; each call returns at once (the payload is built and sent in the background). */
export const createWebhookAnnouncer = (strapi: Core.Strapi) => ({
  /** A job ended failed for good. `locales`: those it left without text (null: every locale the plugin writes). */
  jobFailed(job: { id: number; fileId: number; runId: number | null }, errorCode: string, locales: string[] | null): void {
    emitInBackground(strapi, WEBHOOK_EVENTS.ALT_TEXT_FAILED, async (): Promise<FailedPayload> => ({
      fileId: job.fileId,
      documentId: await documentIdOf(strapi, job.fileId),
      locales: locales ?? (await resolveLocaleSet(strapi, readConfig(strapi))).all,
      source: 'generated',
      errorCode,
      jobId: job.id,
      runId: job.runId ?? null,
    }));
  },

  /** A run settled as done, or was cancelled; its jobs are counted once, in the background. */
  runFinished(
    run: { id: number; scope: RunScope; mode: WriteMode; locale: string | null; createdAt: string | Date | null },
    countJobs: () => Promise<Record<string, number>>,
    finishedAt: Date,
    status: 'done' | 'cancelled' = 'done'
  ): void {
    emitInBackground(strapi, WEBHOOK_EVENTS.ALT_TEXT_RUN_FINISHED, async () => runFinishedPayloadOf(run, await countJobs(), finishedAt, status));
  },

  queuePaused(reason: PauseReason, resumesAt?: Date): void {
    emitInBackground(strapi, WEBHOOK_EVENTS.ALT_TEXT_QUEUE_PAUSED, async () => queuePausedPayloadOf(reason, resumesAt));
  },
});

export type WebhookAnnouncer = ReturnType<typeof createWebhookAnnouncer>;
