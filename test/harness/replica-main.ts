/**
 * One Strapi replica in its own process, driven by its parent over IPC: the parent says how to
 * boot (environment, shared secrets), then sends commands; each gets one reply.
 * Used by tests that need several real Strapi processes on one database.
 */
import { bootPlayground, type PlaygroundApp, type PlaygroundData } from './strapi-app';
import { pluginServices } from '../support/plugin';

export type ReplicaCommand =
  | { cmd: 'createRun'; scope: { kind: 'missing' } | { kind: 'all' } }
  | { cmd: 'getRun'; runId: number }
  | { cmd: 'jobOwners' }
  | { cmd: 'queueState' }
  /** The budget's clock, running on from `at` at the real pace. */
  | { cmd: 'setClock'; at: string }
  | { cmd: 'spending'; days: number }
  | { cmd: 'stop' };

export interface ReplicaBoot {
  env: Record<string, string>;
  data: PlaygroundData;
}

let app: PlaygroundApp | undefined;

const handle = async (command: ReplicaCommand): Promise<unknown> => {
  if (!app) throw new Error('replica not booted');
  const { runs, queue, budget } = pluginServices(app.strapi);
  switch (command.cmd) {
    case 'createRun':
      return (await runs.create({ scope: command.scope })).id;
    case 'getRun':
      return runs.get(command.runId);
    case 'jobOwners': {
      const rows = (await app.strapi.db.query('plugin::auto-alt-text.job').findMany({ select: ['leaseOwner'], where: { status: 'done' } })) as Array<{ leaseOwner: string }>;
      const counts: Record<string, number> = {};
      for (const row of rows) counts[row.leaseOwner] = (counts[row.leaseOwner] ?? 0) + 1;
      return counts;
    }
    case 'queueState':
      return { state: await queue.stateView(), jobs: (await queue.stats()).jobs };
    case 'setClock': {
      const from = Date.parse(command.at);
      const started = Date.now();
      budget.setClockForTests(() => new Date(from + (Date.now() - started)));
      return true;
    }
    case 'spending':
      return budget.spending(command.days);
    case 'stop':
      await app.stop({ keepData: true });
      app = undefined;
      setImmediate(() => process.exit(0));
      return true;
  }
};

process.on('message', (message: { id: number; boot?: ReplicaBoot; command?: ReplicaCommand }) => {
  const reply = (payload: Record<string, unknown>) => process.send?.({ id: message.id, ...payload });
  const work = message.boot
    ? bootPlayground({ env: message.boot.env, reuse: message.boot.data }).then((booted) => {
        app = booted;
        return { url: booted.url, apiToken: booted.apiToken, owner: pluginServices(booted.strapi).queue.owner };
      })
    : handle(message.command as ReplicaCommand);
  work.then(
    (result) => reply({ result }),
    (error: unknown) => reply({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })
  );
});
