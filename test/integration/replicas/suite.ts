import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { startReplica, type Replica } from '../../harness/replica';
import { createPlaygroundData, discardPlaygroundData } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { seedImages } from '../../support/seed';
import { waitFor } from '../../support/wait-for';

const IMAGES = 200;

interface RunView {
  status: string;
  counts: { total: number; done: number; failed: number; pending: number; skipped: number };
}

/**
 * Given `replicas` Strapi processes on one database, a run over 200 images is worked through with
 * no image sent twice and none left behind. One file per database (replicas-*.test.ts) so that
 * jest runs the databases in parallel.
 */
export const replicasSuite = (database: DatabaseKind, replicas: number) =>
  describeOnDatabase(database, 'one queue shared by several Strapi processes', () => {
    const title =
      replicas === 1
        ? `one process sends each of ${IMAGES} images exactly once`
        : `${replicas} replicas on one database send each of ${IMAGES} images exactly once, and all take part`;

    test(title, async () => {
      const apiKey = `replica-key-${randomBytes(8).toString('hex')}`;
      const emulator: Emulator = await startEmulator({ accounts: [{ key: apiKey, credits: 10_000 }] });
      const data = await createPlaygroundData(database, 'replicas');
      const env = {
        ALT_TEXT_PROVIDER: 'alttextlab',
        ALT_TEXT_API_KEY: apiKey,
        ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
        ALT_TEXT_AUTO_ON_UPLOAD: 'false',
        ALT_TEXT_CONCURRENCY: '4',
        ALT_TEXT_REQUESTS_PER_SECOND: '0',
        ALT_TEXT_POLL_INTERVAL_MS: '100',
      };
      const started: Replica[] = [];
      try {
        emulator.setFaults({ latencyMs: 25 });
        // One at a time: the first boot creates the schema, the next ones find it.
        started.push(await startReplica({ env, data }));
        for (let i = 1; i < replicas; i++) started.push(await startReplica({ env, data: { ...data, apiToken: started[0].apiToken } }));
        const [first] = started;

        await seedImages(first, IMAGES, 'replica');
        const runId = await first.send<number>({ cmd: 'createRun', scope: { kind: 'missing' } });
        const run = await waitFor(
          'the run to finish',
          async () => {
            const view = await first.send<RunView>({ cmd: 'getRun', runId });
            return view.status === 'done' ? view : undefined;
          },
          150000
        );

        expect(run.counts).toMatchObject({ total: IMAGES, done: IMAGES, failed: 0, pending: 0 });
        const served = emulator.requests.filter((request) => request.status === 200);
        const objects = served.map((request) => new URL(request.imageUrl as string).pathname);
        expect(new Set(objects).size).toBe(IMAGES);
        expect(objects).toHaveLength(IMAGES);
        expect(emulator.account(apiKey)?.charged).toBe(IMAGES);

        const owners = await first.send<Record<string, number>>({ cmd: 'jobOwners' });
        expect(Object.keys(owners).sort()).toEqual(started.map((replica) => replica.owner).sort());
        for (const count of Object.values(owners)) expect(count).toBeGreaterThan(0);
      } finally {
        await Promise.all(started.map((replica) => replica.stop()));
        await emulator.close();
        await discardPlaygroundData(data);
      }
    }, 240000);
  });
