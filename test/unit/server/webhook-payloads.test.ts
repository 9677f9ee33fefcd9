import type { AltTextChange } from '../../../server/src/alt-text/changes';
import { generatedPayloadOf, queuePausedPayloadOf, runFinishedPayloadOf, scopeSummaryOf, WEBHOOK_EVENTS } from '../../../server/src/webhooks/events';

/**
 * The webhook payloads are built field by field: what a change or a run carries beyond ids, codes
 * and counts (the replaced text, who changed it, the file's name, lists of ids) never reaches them.
 */
const change = (overrides: Partial<AltTextChange> = {}): AltTextChange => ({
  fileId: 7,
  locale: 'fr',
  text: 'Un carré vert',
  kind: 'generated',
  actor: { kind: 'provider', name: 'alttextlab' },
  provider: 'alttextlab',
  lang: 'fr',
  jobId: 42,
  previous: 'the text a person typed before',
  fileName: 'secret-plans.png',
  documentId: 'doc-from-change',
  ...overrides,
});

describe('webhook payloads', () => {
  test('the event names site owners subscribe to', () => {
    expect(Object.values(WEBHOOK_EVENTS)).toEqual(['alt-text.generated', 'alt-text.failed', 'alt-text.run.finished', 'alt-text.queue.paused']);
  });

  test('a generated or cached text is told with ids, locale, source and text only', () => {
    expect(generatedPayloadOf(change(), 'doc-1')).toEqual({ fileId: 7, documentId: 'doc-1', locale: 'fr', source: 'generated', text: 'Un carré vert', provider: 'alttextlab', jobId: 42 });
    expect(generatedPayloadOf(change({ kind: 'cached', provider: undefined, jobId: undefined }), null)).toEqual({ fileId: 7, documentId: null, locale: 'fr', source: 'cache', text: 'Un carré vert', provider: null, jobId: null });
  });

  test('a person’s change, an import, an approval or a decorative mark is not `alt-text.generated`', () => {
    for (const kind of ['edited', 'imported', 'approved', 'reverted', 'decorative', 'undecorative'] as const) {
      expect({ kind, payload: generatedPayloadOf(change({ kind, actor: { kind: 'user', id: 1, name: 'Ada' } }), 'doc-1') }).toEqual({ kind, payload: undefined });
    }
  });

  test('a run’s scope is summarised: a list of file ids is counted, not sent', () => {
    expect(scopeSummaryOf({ kind: 'ids', ids: Array.from({ length: 5000 }, (_, index) => index + 1) })).toEqual({ kind: 'ids', files: 5000 });
    expect(scopeSummaryOf({ kind: 'folder', folderId: 3 })).toEqual({ kind: 'folder', folderId: 3 });
    expect(scopeSummaryOf({ kind: 'entries', model: 'api::article.article', documentIds: ['a', 'b'] })).toEqual({ kind: 'entries', model: 'api::article.article', documentIds: ['a', 'b'], locale: null });
    for (const kind of ['missing', 'all', 'flagged'] as const) expect(scopeSummaryOf({ kind })).toEqual({ kind });
  });

  test('a finished run: counts over every status, and no `createdAt` (Strapi’s delivery time would be overwritten)', () => {
    const payload = runFinishedPayloadOf(
      { id: 9, scope: { kind: 'missing' }, mode: 'fill', locale: null, createdAt: '2026-11-30T10:00:00.000Z' },
      { pending: 0, running: 0, done: 5, skipped: 2, failed: 1, paused: 0, cancelled: 0 },
      new Date('2026-11-30T10:05:00.000Z')
    );
    expect(payload).toEqual({
      runId: 9,
      scope: { kind: 'missing' },
      mode: 'fill',
      locale: null,
      status: 'done',
      counts: { total: 8, done: 5, skipped: 2, failed: 1, cancelled: 0 },
      startedAt: '2026-11-30T10:00:00.000Z',
      finishedAt: '2026-11-30T10:05:00.000Z',
    });
    expect(payload).not.toHaveProperty('createdAt');
  });

  test('a pause: its reason code, and when it ends by itself', () => {
    expect(queuePausedPayloadOf('MANUAL')).toEqual({ reason: 'MANUAL', resumesAt: null });
    expect(queuePausedPayloadOf('BUDGET_REACHED', new Date('2026-12-02T00:00:00.000Z'))).toEqual({ reason: 'BUDGET_REACHED', resumesAt: '2026-12-02T00:00:00.000Z' });
  });
});
