import { runView } from '../../../server/src/queue/runs/view';
import type { RunRow } from '../../../server/src/queue/runs/types';
import type { JobStatus } from '../../../shared/vocabulary';

const run = (overrides: Partial<RunRow> = {}): RunRow => ({
  id: 7,
  scope: { kind: 'all' },
  mode: 'fill',
  lang: null,
  locale: null,
  status: 'running',
  cursor: 0,
  enqueueComplete: true,
  skippedAtEnqueue: null,
  enqueueOwner: null,
  enqueueLeaseUntil: null,
  createdBy: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  finishedAt: null,
  ...overrides,
});
const jobs = (counts: Partial<Record<JobStatus, number>>): Record<JobStatus, number> => ({ pending: 0, running: 0, done: 0, skipped: 0, failed: 0, paused: 0, cancelled: 0, ...counts });

describe('a run\'s progress counts only the images it processed', () => {
  test('skips, at enqueue or by the worker, are not progress', () => {
    const view = runView(run({ skippedAtEnqueue: { 'already has alt text': 90 } }), jobs({ done: 2, skipped: 2, pending: 6 }));
    // 2 described of the 8 sent: 25 %, not (2 + 2 + 90) of 100.
    expect(view.progressPercent).toBe(25);
    expect(view.counts).toMatchObject({ total: 100, queued: 10, done: 2, skipped: 92, pending: 6 });
  });

  test('a cancelled run keeps the share it reached, not a full bar', () => {
    expect(runView(run({ status: 'cancelled' }), jobs({ done: 3, failed: 1, cancelled: 4 })).progressPercent).toBe(50);
  });

  test('a run with nothing to send is complete once enqueued; 100 waits for the end of the enqueue', () => {
    expect(runView(run({ skippedAtEnqueue: { 'already has alt text': 5 } }), jobs({})).progressPercent).toBe(100);
    expect(runView(run({ enqueueComplete: false }), jobs({})).progressPercent).toBe(0);
    expect(runView(run({ enqueueComplete: false }), jobs({ done: 4 })).progressPercent).toBe(99);
    expect(runView(run(), jobs({ done: 3, failed: 1 })).progressPercent).toBe(100);
  });
});
