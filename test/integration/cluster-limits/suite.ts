import { createClusterRateLimiter } from '../../../server/src/queue/limits/cluster-rate';
import { createClusterSendSlots } from '../../../server/src/queue/limits/cluster-slots';
import type { SendSlot } from '../../../server/src/queue/limits/send-slots';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { sleep } from '../../support/wait-for';

/** The largest number of `times` (ms) that fall in any window of `windowMs`. */
const busiestWindow = (times: number[], windowMs: number) => {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
};

const failOnError = (error: unknown) => {
  throw error;
};

/**
 * The shared limits' two coordinators on one database, each "replica" an instance with its own
 * owner in this process (the replica suites run them in separate Strapi processes): calls across
 * them are spaced by 1 / rate, at most `concurrency` slots are held at once, a Retry-After told to
 * one holds the others, a dead holder's slot comes back after its lease, and a replica holding no
 * slot gets the next one freed before the replica that freed it.
 */
export const clusterLimitsSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'provider limits shared by replicas', () => {
    let app: PlaygroundApp;
    beforeAll(async () => {
      app = await bootPlayground({ database, env: { ALT_TEXT_AUTO_ON_UPLOAD: 'false' } });
    }, 120_000);
    afterAll(() => app?.stop());

    test('three replicas asking at once start at most `requestsPerSecond` calls in any second, spaced evenly', async () => {
      const perSecond = 20;
      const limiters = [0, 1, 2].map(() => createClusterRateLimiter(app.strapi, { perSecond, blockedCacheMs: 100, onError: failOnError }));
      const starts: number[] = [];
      const started = Date.now();
      // Each replica: four workers, ten calls each: 120 calls in all.
      await Promise.all(
        limiters.flatMap((limiter) =>
          [0, 1, 2, 3].map(async () => {
            for (let call = 0; call < 10; call++) {
              await limiter.acquire();
              starts.push(Date.now());
            }
          })
        )
      );
      const tookMs = Date.now() - started;
      expect(starts).toHaveLength(120);
      // 120 calls at 20 a second take six seconds (not two, as three replicas on their own would).
      expect(tookMs).toBeGreaterThanOrEqual(((120 - 1) / perSecond) * 1000 - 50);
      expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(perSecond + 1);
    }, 60_000);

    test('a Retry-After told to one replica holds the others’ next calls', async () => {
      const [told, other] = [0, 1].map(() => createClusterRateLimiter(app.strapi, { perSecond: 0, blockedCacheMs: 50, onError: failOnError }));
      await other.acquire(); // reads the row: not blocked
      const until = Date.now() + 1500;
      told.pauseUntil(until);
      await sleep(200); // the Retry-After is written, and other's view of it is older than blockedCacheMs
      const asked = Date.now();
      await other.acquire();
      expect(Date.now()).toBeGreaterThanOrEqual(until - 20);
      expect(Date.now() - asked).toBeGreaterThan(1000);
    }, 30_000);

    test('at most `concurrency` slots are held across replicas; a dead replica’s come back after its lease', async () => {
      const options = (owner: string, leaseMs = 60_000) => ({ concurrency: 4, owner, leaseMs, handoffMs: 100, memberTtlMs: 2000, onError: failOnError });
      // The previous test's rows: this test's slots start free.
      await app.strapi.db.connection('auto_alt_text_send_slots').del();
      await app.strapi.db.connection('auto_alt_text_replicas').del();
      const dead = createClusterSendSlots(app.strapi, options('dead', 600));
      const [a, b] = ['a', 'b'].map((owner) => createClusterSendSlots(app.strapi, options(owner)));
      expect(await dead.acquire(3)).toHaveLength(3);
      const fromA = await a.acquire(4);
      const fromB = await b.acquire(4);
      expect(fromA.length + fromB.length).toBe(1);
      // The dead replica never gives its three back: after its lease they are free again.
      await sleep(700);
      const later = [...(await a.acquire(4)), ...(await b.acquire(4))];
      expect(fromA.length + fromB.length + later.length).toBe(4);
      const ids = [...fromA, ...fromB, ...later].map((slot) => slot.id);
      expect(new Set(ids).size).toBe(4);
    }, 30_000);

    test('a slot left over (concurrency not divisible by the replicas) is taken at once when nobody holds less than its share', async () => {
      await app.strapi.db.connection('auto_alt_text_send_slots').del();
      await app.strapi.db.connection('auto_alt_text_replicas').del();
      // Three slots, two replicas: a share of one each, one slot left over. Views of who asks refresh every 200 ms.
      const options = (owner: string) => ({ concurrency: 3, owner, leaseMs: 60_000, handoffMs: 5_000, memberTtlMs: 600, onError: failOnError });
      const [first, second] = ['first', 'second'].map((owner) => createClusterSendSlots(app.strapi, options(owner)));
      const firsts = await first.acquire(2);
      expect(firsts).toHaveLength(2);
      expect(await second.acquire(2)).toHaveLength(1);
      await sleep(250);
      await first.release(firsts[0]);
      // Both hold their share: the freed slot is not kept idle for handoffMs (5 s here).
      expect(await first.acquire(1)).toHaveLength(1);
    }, 30_000);

    test('rows of replicas long gone are dropped when a process first asks for slots', async () => {
      const replicas = () => app.strapi.db.connection('auto_alt_text_replicas');
      await replicas().del();
      const now = Date.now();
      await replicas().insert([
        { owner: 'gone-two-days-ago', seen_until: now - 2 * 24 * 3600_000 },
        { owner: 'seen-a-minute-ago', seen_until: now - 60_000 },
      ]);
      const slots = createClusterSendSlots(app.strapi, { concurrency: 1, owner: 'new', leaseMs: 60_000, handoffMs: 100, memberTtlMs: 2000, onError: failOnError });
      await slots.acquire(1);
      const owners = ((await replicas().select('owner')) as Array<{ owner: string }>).map((row) => row.owner).sort();
      expect(owners).toEqual(['new', 'seen-a-minute-ago']);
    }, 30_000);

    test('a replica holding no slot gets the next one freed before the replica that freed it', async () => {
      await app.strapi.db.connection('auto_alt_text_send_slots').del();
      await app.strapi.db.connection('auto_alt_text_replicas').del();
      // A replica's view of how many ask is refreshed every memberTtlMs / 3 (500 ms here).
      const options = (owner: string) => ({ concurrency: 2, owner, leaseMs: 60_000, handoffMs: 400, memberTtlMs: 1500, onError: failOnError });
      const [busy, waiting] = ['busy', 'waiting'].map((owner) => createClusterSendSlots(app.strapi, options(owner)));
      const held: SendSlot[] = await busy.acquire(2);
      expect(held).toHaveLength(2); // alone: its share is both
      expect(await waiting.acquire(1)).toEqual([]); // none free; it counts itself in: a share of one each
      await sleep(550);
      await busy.release(held[0]);
      // busy still holds its share: it may not take the freed slot back at once…
      expect(await busy.acquire(1)).toEqual([]);
      // …the replica holding none may.
      expect(await waiting.acquire(1)).toHaveLength(1);
      // Both hold their share now. A slot freed by one waits handoffMs for a replica below its share…
      await busy.release(held[1]);
      expect(await waiting.acquire(1)).toEqual([]);
      // …then goes to whoever asks.
      await sleep(450);
      expect(await waiting.acquire(1)).toHaveLength(1);
    }, 30_000);
  });
