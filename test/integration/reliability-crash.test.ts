import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import { startReplica, type Replica } from '../harness/replica';
import { createPlaygroundData, discardPlaygroundData, type PlaygroundData } from '../harness/strapi-app';
import { seedImages } from '../support/seed';
import { waitFor } from '../support/wait-for';
import { handedSignatures } from '../reliability/secret-sweep';
import { withDatabase } from '../reliability/sqlite';

/**
 * Reliability suite, crash: `kill -9` of the Strapi process in the middle of a bulk run, then a
 * new process on the same database. Every image ends with alt text, and the provider charged each
 * image once — plus at most one credit for each job that was in flight at the kill (its lease was
 * held by the dead process; once the lease (3 s here) runs out another worker sends it again).
 */
const IMAGES = 120;
const CONCURRENCY = 6;

interface RunView {
  status: string;
  counts: { total: number; done: number; skipped: number; failed: number; pending: number; running: number };
}

describe('crash: kill -9 during a bulk run', () => {
  let emulator: Emulator;
  const started: Replica[] = [];
  let data: PlaygroundData | undefined;

  afterAll(async () => {
    for (const replica of started) if (replica.child.exitCode === null && replica.child.signalCode === null) await replica.stop();
    await emulator?.close();
    if (data) await discardPlaygroundData(data);
  });

  test(`every one of ${IMAGES} images ends with alt text; extra charges ≤ jobs in flight at the kill`, async () => {
    const apiKey = `crash-key-${randomBytes(8).toString('hex')}`;
    emulator = await startEmulator({ accounts: [{ key: apiKey, credits: 10_000 }] });
    data = await createPlaygroundData('sqlite', 'crash');
    const database = data.database.name;
    const env = {
      ALT_TEXT_PROVIDER: 'alttextlab',
      ALT_TEXT_API_KEY: apiKey,
      ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
      ALT_TEXT_AUTO_ON_UPLOAD: 'false',
      ALT_TEXT_CONCURRENCY: String(CONCURRENCY),
      ALT_TEXT_REQUESTS_PER_SECOND: '0',
      ALT_TEXT_POLL_INTERVAL_MS: '100',
      ALT_TEXT_LEASE_SECONDS: '3',
    };

    const first = await startReplica({ env, data });
    started.push(first);
    await seedImages(first, IMAGES, 'crash');
    // Every provider call takes a while, so several are in flight whenever the process dies.
    emulator.setFaults({ latencyMs: 150 });
    const runId = await first.send<number>({ cmd: 'createRun', scope: { kind: 'missing' } });
    await waitFor('a third of the run to be done', async () => {
      const run = await first.send<RunView>({ cmd: 'getRun', runId });
      return run.counts.done >= IMAGES / 3 ? run : undefined;
    }, 60000);

    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;

    const atKill = withDatabase(database, (db) => ({
      running: Number(db.prepare(`SELECT COUNT(*) AS n FROM auto_alt_text_jobs WHERE status = 'running'`).get()?.n),
      done: Number(db.prepare(`SELECT COUNT(*) AS n FROM auto_alt_text_jobs WHERE status = 'done'`).get()?.n),
    }));
    expect(atKill.done).toBeLessThan(IMAGES);
    expect(atKill.running).toBeLessThanOrEqual(CONCURRENCY);

    // Calls the dead process had sent still finish at the provider, and are charged there.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const billedInFlight = emulator.account(apiKey)!.charged - atKill.done;

    const second = await startReplica({ env, data: { ...data, apiToken: first.apiToken } });
    started.push(second);
    const run = await waitFor('the run to finish after the restart', async () => {
      const view = await second.send<RunView>({ cmd: 'getRun', runId });
      return view.status === 'done' ? view : undefined;
    }, 90000);
    await second.stop();

    const after = withDatabase(database, (db) => ({
      missingAlt: Number(db.prepare(`SELECT COUNT(*) AS n FROM files WHERE mime LIKE 'image/%' AND (alternative_text IS NULL OR TRIM(alternative_text) = '')`).get()?.n),
      images: Number(db.prepare(`SELECT COUNT(*) AS n FROM files WHERE mime LIKE 'image/%'`).get()?.n),
      jobsByStatus: db.prepare(`SELECT status, COUNT(*) AS n FROM auto_alt_text_jobs GROUP BY status`).all(),
    }));
    const charged = emulator.account(apiKey)!.charged;
    const extra = charged - IMAGES;
    console.log(
      `[reliability] crash: kill -9 with ${atKill.done}/${IMAGES} done and ${atKill.running} jobs in flight (claimed, lease held, unfinished); ` +
        `the provider billed ${billedInFlight} of those calls anyway; after the restart: charged ${charged} = ${IMAGES} images + ${extra} sent twice ` +
        `(bound: ${atKill.running}); jobs ${JSON.stringify(after.jobsByStatus)}`
    );

    expect(after.images).toBe(IMAGES);
    expect(after.missingAlt).toBe(0);
    expect(run.counts).toMatchObject({ total: IMAGES, failed: 0, pending: 0, running: 0 });
    // A job whose text was written just before the kill is "skipped" (already has alt text) on its second try.
    expect(run.counts.done + run.counts.skipped).toBe(IMAGES);
    expect(charged).toBeGreaterThanOrEqual(IMAGES);
    expect(extra).toBeLessThanOrEqual(atKill.running);
    // Every image reached the provider, and only jobs in flight at the kill reached it twice.
    const served = emulator.requests.filter((request) => request.status === 200).map((request) => new URL(request.imageUrl as string).pathname);
    expect(new Set(served).size).toBe(IMAGES);
    expect(served.length - IMAGES).toBe(extra);

    // What the crashed and the restarted process stored holds neither the key nor a handed-out URL.
    const stored = withDatabase(database, (db) =>
      ['auto_alt_text_jobs', 'auto_alt_text_runs', 'auto_alt_text_provenance'].flatMap((table) => db.prepare(`SELECT * FROM ${table}`).all().map((row) => JSON.stringify(row)))
    ).join('\n');
    expect(stored).not.toContain(apiKey);
    for (const signature of handedSignatures(emulator)) expect(stored).not.toContain(signature);
    expect(stored).not.toMatch(/X-Amz-Signature=|[?&]sig=/);
  }, 200000);
});
