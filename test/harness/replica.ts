import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ReplicaBoot, ReplicaCommand } from './replica-main';

export interface Replica {
  url: string;
  apiToken: string;
  owner: string;
  send<T>(command: ReplicaCommand): Promise<T>;
  /** Stops Strapi cleanly, then the process. */
  stop(): Promise<void>;
  child: ChildProcess;
}

/** Starts a Strapi replica in a child process and waits until it serves HTTP. */
export async function startReplica(boot: ReplicaBoot): Promise<Replica> {
  const child = fork(path.join(__dirname, 'replica-main.ts'), [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, ...boot.env },
    stdio: ['ignore', process.env.REPLICA_LOGS ? 'inherit' : 'ignore', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) waiter?.reject(new Error(message.error));
    else waiter?.resolve(message.result);
  });
  child.once('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`replica exited with code ${code}`));
    pending.clear();
  });
  const request = <T>(payload: Record<string, unknown>) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ id, ...payload });
    });

  const ready = await request<{ url: string; apiToken: string; owner: string }>({ boot });
  return {
    ...ready,
    child,
    send: (command) => request({ command }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await request({ command: { cmd: 'stop' } }).catch(() => undefined);
      await exited;
    },
  };
}
