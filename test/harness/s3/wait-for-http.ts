import type { Daemon } from './child-daemon';
import { isListeningBy } from './listening-pid';
import { sleep } from './run-command';

const diedAtStart = (daemon: Daemon): Error =>
  new Error(`${daemon.name} died at start (${daemon.exitReason()}):\n${daemon.logTail()}`);

/** Waits until `daemon` itself listens on `port`; fails fast, quoting its log, if it dies. */
export async function waitForOwnListener(daemon: Daemon, port: number, deadline: number): Promise<void> {
  for (;;) {
    if (daemon.exitReason() !== null) throw diedAtStart(daemon);
    if (isListeningBy(daemon.pid, port)) return;
    if (Date.now() > deadline) throw new Error(`${daemon.name} did not listen on ${port} in time:\n${daemon.logTail(10)}`);
    await sleep(25);
  }
}

/**
 * Polls until the URL answers with any HTTP status. Fails fast, quoting the daemon's log,
 * as soon as one of the daemons it depends on has died.
 */
export async function waitForHttp(url: string, daemons: Daemon[], deadline: number): Promise<void> {
  for (;;) {
    const dead = daemons.find((daemon) => daemon.exitReason() !== null);
    if (dead) throw diedAtStart(dead);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      // Not answering yet.
    }
    if (Date.now() > deadline) {
      const logs = daemons.map((daemon) => daemon.logTail(10)).join('\n');
      throw new Error(`${url} did not answer in time:\n${logs}`);
    }
    await sleep(50);
  }
}
