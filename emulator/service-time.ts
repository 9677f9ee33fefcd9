// `latencyMs` is a call's whole service time, measured from the moment its request arrived:
// the emulator's own work (reading the body, fetching the image through its URL, decoding it)
// is taken out of the wait instead of being added to it, so C / L is what a client can reach.
//
// The work still runs at the END of the wait, as it did when latency came first: a provider that
// fetches late is what the expired-URL tests rely on. Its length is not known before it runs, so
// the emulator starts it `headroom` before the deadline, from what recent calls' work took
// (their longest, plus a quarter), then waits out whatever is left. A call therefore never
// answers before its own work is done, and answers at once when the work overran the latency.

import { sleep } from './http';

/** How many recent work times the headroom is taken from. */
const WINDOW = 32;
/** Before any work was timed: about a presigned fetch plus a small decode on a loaded machine. */
export const DEFAULT_HEADROOM_MS = 50;

/** Recent work times of one kind of call; the headroom to start the next one's work with. */
export class WorkClock {
  private readonly recent: number[] = [];

  record(ms: number): void {
    this.recent.push(ms);
    if (this.recent.length > WINDOW) this.recent.shift();
  }

  headroomMs(): number {
    if (this.recent.length === 0) return DEFAULT_HEADROOM_MS;
    return Math.ceil(Math.max(...this.recent) * 1.25);
  }
}

/** Waits until `at` (a `Date.now()` time); returns at once when it has passed. */
export function sleepUntil(at: number): Promise<void> {
  const ms = at - Date.now();
  return ms > 0 ? sleep(ms) : Promise.resolve();
}

/**
 * Runs `work` so that the whole call, from `startedAt`, takes `latencyMs` or the work's own
 * time, whichever is longer. Without a latency the work runs at once. Every run is timed.
 */
export async function withinServiceTime<T>(
  clock: WorkClock,
  startedAt: number,
  latencyMs: number | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const deadline = startedAt + (latencyMs ?? 0);
  if (latencyMs) await sleepUntil(deadline - clock.headroomMs());
  const began = Date.now();
  const result = await work();
  clock.record(Date.now() - began);
  if (latencyMs) await sleepUntil(deadline);
  return result;
}
