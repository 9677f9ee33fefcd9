/**
 * Two Strapi processes on one database share one budget: with 5 credits a day and 12 images, the
 * provider gets exactly 5 calls between them, though both race for the last credits. One file per
 * database (budget-replicas-*.test.ts) so jest runs them in parallel.
 */
import { startEmulator, type Emulator } from '../../../emulator/server';
import { startReplica, type Replica } from '../../harness/replica';
import { createPlaygroundData, discardPlaygroundData } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { seedImages } from '../../support/seed';
import { sleep, waitFor } from '../../support/wait-for';
import { budgetEnv, budgetKey } from './fixtures';

interface QueueView {
  state: { paused: boolean; reason?: string; resumesAt?: string };
  jobs: Record<string, number>;
}

export const budgetReplicasSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'a budget shared by two replicas', () => {
    test('perDay 5, 12 images, two replicas: exactly 5 calls in total, both replicas took part, both see the pause', async () => {
      const apiKey = budgetKey();
      const emulator: Emulator = await startEmulator({ accounts: [{ key: apiKey, credits: 1000 }] });
      const data = await createPlaygroundData(database, 'budget');
      // Slow answers: each replica holds 3 calls in flight while the other claims its own, so both reserve at once.
      // Per-process limits: with the cluster's shared slots (the default on PostgreSQL and MariaDB) the first
      // replica could hold all three and take every credit before the second asks — no race to test.
      const env = {
        ...budgetEnv(emulator, apiKey, { perDay: 5 }),
        ALT_TEXT_CONCURRENCY: '3',
        ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ budget: { perDay: 5 }, limitScope: 'process' }),
      };
      const started: Replica[] = [];
      try {
        emulator.setFaults({ latencyMs: 1000 });
        started.push(await startReplica({ env, data }));
        started.push(await startReplica({ env, data: { ...data, apiToken: started[0].apiToken } }));
        for (const replica of started) await replica.send({ cmd: 'setClock', at: '2030-01-15T12:00:00Z' });
        const [first, second] = started;

        await seedImages(first, 12, 'shared-budget');
        await first.send<number>({ cmd: 'createRun', scope: { kind: 'missing' } });
        await waitFor('the budget to pause the queue', async () => ((await second.send<QueueView>({ cmd: 'queueState' })).state.paused ? true : undefined), 60000);
        await waitFor('no job running anywhere', async () => ((await first.send<QueueView>({ cmd: 'queueState' })).jobs.running === 0 ? true : undefined), 30000);
        await sleep(1500);

        expect(emulator.requests).toHaveLength(5);
        for (const replica of started) {
          const view = await replica.send<QueueView>({ cmd: 'queueState' });
          expect(view.state).toMatchObject({ paused: true, reason: 'BUDGET_REACHED', resumesAt: '2030-01-16T00:00:00.000Z' });
          expect(view.jobs).toMatchObject({ done: 5, pending: 7 });
        }
        const owners = await first.send<Record<string, number>>({ cmd: 'jobOwners' });
        expect(Object.keys(owners).sort()).toEqual(started.map((replica) => replica.owner).sort());
        const report = await second.send<{ totals: { calls: number; credits: number } }>({ cmd: 'spending', days: 1 });
        expect(report.totals).toEqual({ calls: 5, credits: 5, cacheHits: 0 });
      } finally {
        await Promise.all(started.map((replica) => replica.stop()));
        await emulator.close();
        await discardPlaygroundData(data);
      }
    }, 240000);
  });
