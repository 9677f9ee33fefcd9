import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { startReplica, type Replica } from '../../harness/replica';
import { createPlaygroundData, discardPlaygroundData } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { seedImages } from '../../support/seed';
import { waitFor } from '../../support/wait-for';

const IMAGES = 300;
const CONCURRENCY = 3;
const PER_SECOND = 10;
/** Slow calls: the calls in flight are the bound (3 at once make 5 a second, under the rate). */
const SLOW_MS = 600;
/** Fast calls: the rate is the bound (3 at once could make 150 a second). */
const FAST_MS = 20;

interface RunView {
  status: string;
  counts: { total: number; done: number; failed: number; pending: number };
}

/** The most of `times` (ms) within any window of `windowMs`. */
export const busiestWindow = (times: number[], windowMs: number): number => {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
};

/**
 * Issue 19: three Strapi processes on one database, `concurrency` 3 and `requestsPerSecond` 10 as
 * cluster-wide limits, one run of 300 images. The emulator sees at most 3 calls at once (per-process
 * limits would allow 9) and at most 10 (+1, a window's edge) starting in any second (30), first
 * while slow calls make the calls in flight the bound, then while fast ones make the rate the bound;
 * one replica is killed (SIGKILL) mid-run: its slots and jobs come back after their 3 s lease and
 * the run finishes with every image described, only the calls it had in flight sent again.
 */
export const clusterLimitsReplicasSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'cluster-wide provider limits over three replicas', () => {
    test(`three replicas keep ≤ ${CONCURRENCY} calls in flight and ≤ ${PER_SECOND} a second between them, through a kill -9`, async () => {
      const apiKey = `cluster-key-${randomBytes(8).toString('hex')}`;
      const emulator: Emulator = await startEmulator({ accounts: [{ key: apiKey, credits: 10_000 }] });
      const data = await createPlaygroundData(database, 'cluster-limits');
      const env = {
        ALT_TEXT_PROVIDER: 'alttextlab',
        ALT_TEXT_API_KEY: apiKey,
        ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
        ALT_TEXT_AUTO_ON_UPLOAD: 'false',
        ALT_TEXT_CONCURRENCY: String(CONCURRENCY),
        ALT_TEXT_REQUESTS_PER_SECOND: String(PER_SECOND),
        ALT_TEXT_POLL_INTERVAL_MS: '100',
        ALT_TEXT_LEASE_SECONDS: '3',
        ...(process.env.CLUSTER_LIMITS_SCOPE ? { ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ limitScope: process.env.CLUSTER_LIMITS_SCOPE }) } : {}),
      };
      const started: Replica[] = [];
      try {
        started.push(await startReplica({ env, data }));
        for (let i = 1; i < 3; i++) started.push(await startReplica({ env, data: { ...data, apiToken: started[0].apiToken } }));
        const [first, , victim] = started;
        await seedImages(first, IMAGES, 'cluster');
        emulator.reset();
        emulator.setFaults({ latencyMs: SLOW_MS });

        const runId = await first.send<number>({ cmd: 'createRun', scope: { kind: 'missing' } });
        await waitFor('100 slow calls answered', async () => (emulator.requests.length >= 100 ? true : undefined), 120_000);
        emulator.setFaults({ latencyMs: FAST_MS });
        await waitFor('150 calls answered', async () => (emulator.requests.length >= 150 ? true : undefined), 120_000);
        const victimOwner = victim.owner;
        victim.child.kill('SIGKILL');
        const run = await waitFor(
          'the run to finish without the killed replica',
          async () => {
            const view = await first.send<RunView>({ cmd: 'getRun', runId });
            return view.status === 'done' ? view : undefined;
          },
          180_000
        );

        expect(run.counts).toMatchObject({ total: IMAGES, done: IMAGES, failed: 0, pending: 0 });
        expect(emulator.maxInFlight()).toBeLessThanOrEqual(CONCURRENCY);
        const arrivals = emulator.requests.map((request) => request.at);
        expect(busiestWindow(arrivals, 1000)).toBeLessThanOrEqual(PER_SECOND + 1);
        // Every image described; only calls the killed replica had in flight may have been sent twice.
        const objects = emulator.requests.filter((request) => request.status === 200).map((request) => new URL(request.imageUrl as string).pathname);
        expect(new Set(objects).size).toBe(IMAGES);
        expect(objects.length - IMAGES).toBeLessThanOrEqual(CONCURRENCY);
        // All three took part, the killed one before it died.
        const owners = await first.send<Record<string, number>>({ cmd: 'jobOwners' });
        for (const replica of started) expect(owners[replica.owner] ?? 0).toBeGreaterThan(0);
        expect(owners[victimOwner]).toBeLessThan(IMAGES / 2);
      } finally {
        await Promise.all(started.map((replica) => replica.stop()));
        await emulator.close();
        await discardPlaygroundData(data);
      }
    }, 600_000);
  });
