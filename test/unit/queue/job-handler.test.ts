import { createJobHandler, type JobHandlerDeps } from '../../../server/src/queue/job-handler';
import type { JobRow } from '../../../server/src/queue/job-store';
import type { GenerationOutcome } from '../../../server/src/generation/types';

/** A job store that records what the handler decided instead of writing SQL. */
const recordingStore = () => {
  const calls: Array<{ op: 'finish' | 'reschedule'; status?: string; at?: number; refund?: boolean; rateLimitWait?: boolean; fields?: unknown }> = [];
  return {
    calls,
    store: {
      finish: async (_job: JobRow, status: string, fields?: unknown) => {
        calls.push({ op: 'finish', status, fields });
        return true;
      },
      reschedule: async (_job: JobRow, at: Date, options: { refundAttempt: boolean; rateLimitWait?: boolean }) => {
        calls.push({ op: 'reschedule', at: at.getTime(), refund: options.refundAttempt, rateLimitWait: options.rateLimitWait });
      },
    } as unknown as JobHandlerDeps['store'],
  };
};

const job = (overrides: Partial<JobRow> = {}): JobRow => ({
  id: 1, fileId: 10, activeFileId: 10, runId: 5, reason: 'upload', mode: 'fill', lang: null, status: 'running', attempts: 1,
  rateLimitWaits: 0, followUp: null, contextEntry: null, locales: null,
  availableAt: null, leaseOwner: 'me', leaseUntil: null, strategy: null, errorCode: null, errorMessage: null, finishedAt: null,
  ...overrides,
});

const handlerFor = (outcome: GenerationOutcome, overrides: Partial<JobHandlerDeps> = {}) => {
  const recorded = recordingStore();
  const pauses: string[] = [];
  const settledRuns: number[] = [];
  const pausedUntil: number[] = [];
  const handle = createJobHandler({
    store: recorded.store,
    limiter: { acquire: async () => undefined, pauseUntil: (t) => pausedUntil.push(t) },
    policy: { maxAttempts: 3, retryBaseMs: 1000, retryMaxMs: 10000, rateLimitWaitMs: 30000, maxRateLimitWaits: 4 },
    generate: async (_fileId, options) => {
      await options.beforeSend?.({ provider: 'alttextlab' });
      return outcome;
    },
    isPaused: async () => false,
    budget: { reserve: async (provider) => ({ ok: true, reservation: { provider, day: '2030-01-15', month: '2030-01' } }), release: async () => undefined },
    pauseQueue: async (reason) => {
      pauses.push(reason);
    },
    onRunJobSettled: async (runId) => {
      settledRuns.push(runId);
    },
    logOutcome: () => undefined,
    ...overrides,
  });
  return { handle, calls: recorded.calls, pauses, settledRuns, pausedUntil };
};

/** A generation that waits for the queue's turn (`beforeSend`) and records whether it then sent anything. */
const generationThatWaitsItsTurn = () => {
  let sent = false;
  const generate: JobHandlerDeps['generate'] = async (_id, options) => {
    try {
      await options.beforeSend?.({ provider: 'alttextlab' });
      sent = true;
      return { status: 'written', text: 'x', strategy: 'presigned' };
    } catch {
      return { status: 'failed', code: 'INTERNAL', reason: 'stopped before sending' };
    }
  };
  return { generate, sent: () => sent };
};

describe('what the queue does after one attempt', () => {
  test('written alt text finishes the job and settles its run', async () => {
    const h = handlerFor({ status: 'written', text: 'A cat', strategy: 'presigned' });
    await h.handle(job());
    expect(h.calls).toEqual([{ op: 'finish', status: 'done', fields: { strategy: 'presigned' } }]);
    expect(h.settledRuns).toEqual([5]);
  });

  test.each(['INVALID_KEY', 'OUT_OF_CREDITS', 'MISCONFIGURED'] as const)('%s pauses the whole queue and puts the job back, attempt refunded', async (code) => {
    const h = handlerFor({ status: 'failed', code, reason: 'x' });
    await h.handle(job());
    expect(h.pauses).toEqual([code]);
    expect(h.calls).toMatchObject([{ op: 'reschedule', refund: true }]);
  });

  test('RATE_LIMITED waits Retry-After for everyone, attempt refunded', async () => {
    const h = handlerFor({ status: 'failed', code: 'RATE_LIMITED', reason: 'x', retryAfterMs: 7000 });
    const before = Date.now();
    await h.handle(job());
    expect(h.pausedUntil[0]).toBeGreaterThanOrEqual(before + 7000);
    expect(h.calls[0]).toMatchObject({ op: 'reschedule', refund: true, rateLimitWait: true });
    expect(h.calls[0].at).toBe(h.pausedUntil[0]);
  });

  test('a job that has waited out maxRateLimitWaits 429s fails with a readable reason instead of waiting again', async () => {
    const h = handlerFor({ status: 'failed', code: 'RATE_LIMITED', reason: 'RATE_LIMITED: alttextlab for file #10: too many requests (429)' });
    await h.handle(job({ rateLimitWaits: 4 }));
    expect(h.pausedUntil).toEqual([]);
    expect(h.calls).toHaveLength(1);
    expect(h.calls[0]).toMatchObject({ op: 'finish', status: 'failed' });
    expect(JSON.stringify(h.calls[0].fields)).toContain('still rate limited after waiting 4 times; see maxRateLimitWaits');
  });

  test('a job aborted at shutdown while it waited for its turn sends nothing and goes back in line, attempt refunded', async () => {
    const shutdown = new AbortController();
    shutdown.abort();
    const provider = generationThatWaitsItsTurn();
    const h = handlerFor({ status: 'written', text: 'x', strategy: 'presigned' }, { generate: provider.generate });
    await h.handle(job(), shutdown.signal);
    expect(provider.sent()).toBe(false);
    expect(h.calls).toMatchObject([{ op: 'reschedule', refund: true }]);
  });

  test('a provider call aborted at shutdown (CANCELLED) goes back in line, attempt refunded', async () => {
    const h = handlerFor({ status: 'failed', code: 'CANCELLED', reason: 'the call was cancelled' });
    await h.handle(job());
    expect(h.calls).toMatchObject([{ op: 'reschedule', refund: true }]);
  });

  test('a transient failure is retried later until the attempts run out, then fails with the count', async () => {
    const early = handlerFor({ status: 'failed', code: 'TRANSIENT', reason: 'server error 502' });
    const before = Date.now();
    await early.handle(job({ attempts: 1 }));
    expect(early.calls[0]).toMatchObject({ op: 'reschedule', refund: false });
    expect(early.calls[0].at! - before).toBeGreaterThanOrEqual(500);

    const last = handlerFor({ status: 'failed', code: 'TIMEOUT', reason: 'no answer' });
    await last.handle(job({ attempts: 3 }));
    expect(last.calls[0]).toMatchObject({ op: 'finish', status: 'failed' });
    expect(JSON.stringify(last.calls[0].fields)).toContain('gave up after 3 attempts');
  });

  test.each(['IMAGE_UNREACHABLE', 'UNSUPPORTED_IMAGE', 'BAD_RESPONSE'] as const)('%s fails the image at once with its reason', async (code) => {
    const h = handlerFor({ status: 'failed', code, reason: `${code}: provider for file #10: why` });
    await h.handle(job());
    expect(h.calls).toEqual([{ op: 'finish', status: 'failed', fields: { strategy: null, errorCode: code, errorMessage: `${code}: provider for file #10: why` } }]);
  });

  test('a queue paused while the job waited for its turn sends nothing and puts the job back', async () => {
    const provider = generationThatWaitsItsTurn();
    const h = handlerFor({ status: 'written', text: 'x', strategy: 'presigned' }, { isPaused: async () => true, generate: provider.generate });
    await h.handle(job());
    expect(provider.sent()).toBe(false);
    expect(h.calls).toMatchObject([{ op: 'reschedule', refund: true }]);
  });
});

describe('with a fallback provider', () => {
  /** The routing's two answers, fixed: where jobs go, and what it makes of an attempt. */
  const fallbackThat = (inUse: boolean, detour?: { retryAt: number }) => {
    const seen: Array<{ outcome: GenerationOutcome; lastAttempt: boolean }> = [];
    return {
      seen,
      fallback: {
        inUse: async () => inUse,
        afterAttempt: async (outcome: GenerationOutcome, lastAttempt: boolean) => {
          seen.push({ outcome, lastAttempt });
          return detour;
        },
      },
    };
  };

  test('a job goes to the fallback while it is in use', async () => {
    const asked: boolean[] = [];
    const h = handlerFor({ status: 'written', text: 'A cat', strategy: 'presigned', viaFallback: 'alttextai' }, {
      ...fallbackThat(true),
      generate: async (_id, options) => {
        asked.push(options.viaFallback ?? false);
        return { status: 'written', text: 'A cat', strategy: 'presigned', viaFallback: 'alttextai' };
      },
    });
    await h.handle(job());
    expect(asked).toEqual([true]);
    expect(h.calls).toMatchObject([{ op: 'finish', status: 'done' }]);
  });

  test('the primary out of credits: the job goes again at the time the routing says, attempt refunded, and the queue is not paused', async () => {
    const routing = fallbackThat(false, { retryAt: 1234 });
    const h = handlerFor({ status: 'failed', code: 'OUT_OF_CREDITS', reason: 'no credits' }, routing);
    await h.handle(job({ attempts: 3 }));
    expect(h.pauses).toEqual([]);
    expect(h.calls).toEqual([{ op: 'reschedule', at: 1234, refund: true, rateLimitWait: false }]);
    expect(routing.seen).toMatchObject([{ outcome: { code: 'OUT_OF_CREDITS' }, lastAttempt: true }]);
  });

  test('without a detour the outcome is handled as before: the fallback out of credits pauses the queue', async () => {
    const h = handlerFor({ status: 'failed', code: 'OUT_OF_CREDITS', reason: 'the fallback provider (alttextai): no credits', viaFallback: 'alttextai' }, fallbackThat(true));
    await h.handle(job());
    expect(h.pauses).toEqual(['OUT_OF_CREDITS']);
  });
});

describe('what the job handler tells webhooks (alt-text.failed)', () => {
  const recordFailures = () => {
    const told: Array<{ jobId: number; code: string; locales: string[] | null }> = [];
    return { told, jobFailed: (failed: JobRow, code: string, locales: string[] | null) => void told.push({ jobId: failed.id, code, locales }) };
  };

  test('a job failed for good is told once, with its code and the locales still owed', async () => {
    const { told, jobFailed } = recordFailures();
    const h = handlerFor({ status: 'failed', code: 'UNSUPPORTED_IMAGE', reason: 'the provider could not process the image', remainingLocales: ['fr'] }, { jobFailed });
    await h.handle(job({ locales: ['en', 'fr'] }));
    expect(told).toEqual([{ jobId: 1, code: 'UNSUPPORTED_IMAGE', locales: ['fr'] }]);
  });

  test('a failure that will be retried, a pause, a written or skipped image is not a failure to tell', async () => {
    const { told, jobFailed } = recordFailures();
    const outcomes: GenerationOutcome[] = [
      { status: 'failed', code: 'TRANSIENT', reason: '503' },
      { status: 'failed', code: 'INVALID_KEY', reason: 'rejected' },
      { status: 'failed', code: 'CANCELLED', reason: 'shutdown' },
      { status: 'written', text: 'A cat', strategy: 'presigned' },
      { status: 'skipped', reason: 'not an image' },
    ];
    for (const outcome of outcomes) await handlerFor(outcome, { jobFailed }).handle(job());
    expect(told).toEqual([]);
  });

  test('attempts used up: told with the job’s own locales (null: every locale)', async () => {
    const { told, jobFailed } = recordFailures();
    await handlerFor({ status: 'failed', code: 'TIMEOUT', reason: 'slow' }, { jobFailed }).handle(job({ attempts: 3 }));
    expect(told).toEqual([{ jobId: 1, code: 'TIMEOUT', locales: null }]);
  });

  test('a job whose row another worker ended (not held) is not told twice', async () => {
    const { told, jobFailed } = recordFailures();
    const notHeld = { finish: async () => false } as unknown as JobHandlerDeps['store'];
    await handlerFor({ status: 'failed', code: 'BAD_RESPONSE', reason: 'x' }, { jobFailed, store: notHeld }).handle(job());
    expect(told).toEqual([]);
  });
});
