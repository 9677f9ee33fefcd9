// The list of generation calls a test can inspect and wait on.

import type { RecordedRequest } from './types';

interface Waiter {
  count: number;
  resolve: (requests: RecordedRequest[]) => void;
}

export class RequestRecorder {
  /** Live list; `clear()` empties it in place so references held by tests stay valid. */
  readonly requests: RecordedRequest[] = [];
  private waiters: Waiter[] = [];
  /** Generation calls received, answered or not (a call is recorded only once it is answered). */
  started = 0;
  /** Generation calls received and not answered yet, and the most there were at once (a client's concurrency, seen from here). */
  inFlight = 0;
  maxInFlight = 0;

  /** A generation call arrived; the returned function marks it answered. */
  begin(): () => void {
    this.started += 1;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let ended = false;
    return () => {
      if (!ended) this.inFlight -= 1;
      ended = true;
    };
  }

  record(request: RecordedRequest): void {
    this.requests.push(request);
    const ready = this.waiters.filter((w) => this.requests.length >= w.count);
    this.waiters = this.waiters.filter((w) => this.requests.length < w.count);
    for (const waiter of ready) waiter.resolve([...this.requests]);
  }

  /** Resolves with a copy of all requests once at least `count` have been recorded. */
  waitFor(count: number, timeoutMs = 5000): Promise<RecordedRequest[]> {
    if (this.requests.length >= count) return Promise.resolve([...this.requests]);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        count,
        resolve: (requests) => {
          clearTimeout(timer);
          resolve(requests);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`Expected ${count} generate request(s) within ${timeoutMs} ms, saw ${this.requests.length}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  clear(): void {
    this.requests.length = 0;
    this.started = 0;
    this.maxInFlight = this.inFlight;
  }
}
