/**
 * A child process driven over IPC: the parent sends `{ rid, cmd, args }`, the child answers
 * `{ rid, result }` or `{ rid, error }`. Used for the Strapi apps under test and the emulator, so
 * each runs in its own process (one Strapi per process; the emulator's CPU is not the app's).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';

export interface Child {
  readonly pid: number;
  call<T>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  /** Asks the child to stop (command `stop`), then waits for it to exit; kills it after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  readonly process: ChildProcess;
}

export interface ForkOptions {
  env: Record<string, string | undefined>;
  /** stdout and stderr of the child go to this file. */
  logFile: string;
  execArgv?: string[];
}

export function forkChild(main: string, options: ForkOptions): Child {
  const out = openSync(options.logFile, 'a');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...options.env })) if (value !== undefined) env[key] = value;
  const child = fork(path.resolve(main), [], {
    execArgv: ['-r', '@swc-node/register', ...(options.execArgv ?? [])],
    env,
    stdio: ['ignore', out, out, 'ipc'],
  });
  let nextId = 0;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void; cmd: string }>();
  child.on('message', (message: { rid: number; result?: unknown; error?: string }) => {
    const waiter = pending.get(message.rid);
    pending.delete(message.rid);
    if (message.error !== undefined) waiter?.reject(new Error(`${waiter.cmd}: ${message.error}`));
    else waiter?.resolve(message.result);
  });
  child.once('exit', (code, signal) => {
    for (const waiter of pending.values()) {
      waiter.reject(new Error(`${path.basename(main)} exited (${code ?? signal}) during ${waiter.cmd}; see ${options.logFile}`));
    }
    pending.clear();
  });
  const call = <T>(cmd: string, args: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        reject(new Error(`${path.basename(main)} is not running (${cmd}); see ${options.logFile}`));
        return;
      }
      const rid = ++nextId;
      pending.set(rid, { resolve: resolve as (value: unknown) => void, reject, cmd });
      child.send({ rid, cmd, args });
    });
  return {
    get pid() {
      return child.pid ?? -1;
    },
    process: child,
    call,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await call('stop').catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;

/** Child side: answers each command with its handler's (awaited) result. */
export function serve(handlers: Handlers): void {
  process.on('message', (message: { rid: number; cmd: string; args?: Record<string, unknown> }) => {
    const reply = (payload: Record<string, unknown>) => process.send?.({ rid: message.rid, ...payload });
    const handler = handlers[message.cmd];
    if (!handler) {
      reply({ error: `unknown command ${message.cmd}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.args ?? {}))
      .then(
        (result) => reply({ result: result ?? null }),
        (error: unknown) => {
          const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          // SQL errors quote the whole statement: keep the start and the end (the reason).
          reply({ error: text.length > 1200 ? `${text.slice(0, 400)} … ${text.slice(-600)}` : text });
        }
      );
  });
}
