import { createJobHandler, type JobHandlerDeps } from '../../../server/src/queue/job-handler';
import type { JobRow } from '../../../server/src/queue/job-store';
import type { GenerationOutcome } from '../../../server/src/generation/types';
import type { Reservation, ReserveResult } from '../../../server/src/spend';

const job = (): JobRow => ({
  id: 1, fileId: 10, activeFileId: 10, runId: null, reason: 'run', mode: 'fill', lang: null, status: 'running', attempts: 1,
  rateLimitWaits: 0, followUp: null, contextEntry: null, locales: null,
  availableAt: null, leaseOwner: 'me', leaseUntil: null, strategy: null, errorCode: null, errorMessage: null, finishedAt: null,
});

/** A budget with `credits` left: each reservation is numbered, so a test can tell which one came back. */
const budgetWith = (credits: number) => {
  let left = credits;
  let next = 0;
  const released: string[] = [];
  const resumesAt = new Date('2030-01-16T00:00:00Z');
  return {
    released,
    reserved: () => next,
    budget: {
      reserve: async (provider: string): Promise<ReserveResult> => {
        if (left === 0) return { ok: false, limit: 'day', credits, resumesAt, message: `budget reached: ${credits} credits per day (UTC) are spent` };
        left -= 1;
        next += 1;
        return { ok: true, reservation: { provider, day: `call-${next}`, month: '2030-01' } };
      },
      release: async (reservation: Reservation) => {
        released.push(reservation.day);
      },
    },
  };
};

/** A generation of `calls` paid calls (one per locale), each announced first; it then ends with `outcome`. */
const generationOf = (calls: number, outcome: GenerationOutcome) => {
  let sent = 0;
  const generate: JobHandlerDeps['generate'] = async (_id, options) => {
    try {
      for (let call = 0; call < calls; call++) {
        await options.beforeSend?.({ provider: 'alttextlab' });
        sent += 1;
      }
    } catch {
      return { status: 'failed', code: 'INTERNAL', reason: 'stopped before sending' };
    }
    return outcome;
  };
  return { generate, sent: () => sent };
};

const handlerWith = (budget: ReturnType<typeof budgetWith>, generation: ReturnType<typeof generationOf>, isPaused = false) => {
  const runCredits: Array<[number, number]> = [];
  const pauses: Array<{ reason: string; message: string; resumesAt?: Date }> = [];
  const reschedules: Array<{ refund: boolean }> = [];
  const finishes: string[] = [];
  const handle = createJobHandler({
    store: {
      finish: async (_job: JobRow, status: string) => {
        finishes.push(status);
        return true;
      },
      reschedule: async (_job: JobRow, _at: Date, options: { refundAttempt: boolean }) => {
        reschedules.push({ refund: options.refundAttempt });
      },
    } as unknown as JobHandlerDeps['store'],
    limiter: { acquire: async () => undefined, pauseUntil: () => undefined },
    policy: { maxAttempts: 3, retryBaseMs: 1000, retryMaxMs: 10000, rateLimitWaitMs: 30000, maxRateLimitWaits: 4 },
    generate: generation.generate,
    isPaused: async () => isPaused,
    pauseQueue: async (reason, message, resumesAt) => {
      pauses.push({ reason, message, resumesAt });
    },
    budget: budget.budget,
    runCredits: async (runId, delta) => {
      runCredits.push([runId, delta]);
    },
    onRunJobSettled: async () => undefined,
    logOutcome: () => undefined,
  });
  return { handle, pauses, reschedules, finishes, runCredits };
};

const written: GenerationOutcome = { status: 'written', text: 'A cat', strategy: 'presigned' };

describe('the budget, before each paid call', () => {
  test('with no credit left, nothing is sent: the queue pauses BUDGET_REACHED until the reset, the job waits with its attempt refunded', async () => {
    const budget = budgetWith(0);
    const generation = generationOf(1, written);
    const h = handlerWith(budget, generation);
    await h.handle(job());
    expect(generation.sent()).toBe(0);
    expect(h.pauses).toEqual([{ reason: 'BUDGET_REACHED', message: 'budget reached: 0 credits per day (UTC) are spent', resumesAt: new Date('2030-01-16T00:00:00Z') }]);
    expect(h.reschedules).toEqual([{ refund: true }]);
    expect(h.finishes).toEqual([]);
  });

  test('each call of a job reserves its own credit: the second locale finds none, the first stays paid and the job waits', async () => {
    const budget = budgetWith(1);
    const generation = generationOf(2, written);
    const h = handlerWith(budget, generation);
    await h.handle(job());
    expect(generation.sent()).toBe(1);
    expect(h.pauses.map((pause) => pause.reason)).toEqual(['BUDGET_REACHED']);
    expect(budget.released).toEqual([]);
    expect(h.reschedules).toEqual([{ refund: true }]);
  });

  test('a queue already paused reserves nothing', async () => {
    const budget = budgetWith(5);
    const h = handlerWith(budget, generationOf(1, written), true);
    await h.handle(job());
    expect(budget.reserved()).toBe(0);
    expect(h.pauses).toEqual([]);
  });
});

describe('the refund rule, after the attempt', () => {
  test.each(['TRANSIENT', 'RATE_LIMITED', 'IMAGE_UNREACHABLE', 'OUT_OF_CREDITS'] as const)('%s: the last call’s credit comes back, not the ones answered before it', async (code) => {
    const budget = budgetWith(5);
    const h = handlerWith(budget, generationOf(3, { status: 'failed', code, reason: 'x' }));
    await h.handle(job());
    expect(budget.reserved()).toBe(3);
    expect(budget.released).toEqual(['call-3']);
  });

  test.each(['BAD_RESPONSE', 'TIMEOUT', 'CANCELLED'] as const)('%s: the credit stays spent', async (code) => {
    const budget = budgetWith(5);
    const h = handlerWith(budget, generationOf(1, { status: 'failed', code, reason: 'x' }));
    await h.handle(job());
    expect(budget.released).toEqual([]);
  });

  test('a written image keeps its credits', async () => {
    const budget = budgetWith(5);
    const h = handlerWith(budget, generationOf(2, written));
    await h.handle(job());
    expect(h.finishes).toEqual(['done']);
    expect(budget.released).toEqual([]);
  });
});

describe("a run's credits, counted as its jobs' calls take them", () => {
  test('each paid call of a run job counts one on its run, and a call the provider did not charge gives it back', async () => {
    const budget = budgetWith(5);
    const h = handlerWith(budget, generationOf(2, { status: 'failed', code: 'TRANSIENT', reason: 'x' }));
    await h.handle({ ...job(), runId: 4 });
    expect(h.runCredits).toEqual([[4, 1], [4, 1], [4, -1]]);
  });

  test('a call the budget refused counts nothing on the run; a job of no run counts on none', async () => {
    const refused = handlerWith(budgetWith(0), generationOf(1, written));
    await refused.handle({ ...job(), runId: 4 });
    expect(refused.runCredits).toEqual([]);
    const alone = handlerWith(budgetWith(5), generationOf(1, written));
    await alone.handle(job());
    expect(alone.runCredits).toEqual([]);
  });
});
