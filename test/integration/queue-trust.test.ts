import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { apiFor, registerSuperAdmin, type Api } from '../reliability/admin';
import { withDatabase } from '../reliability/sqlite';
import { solidPng } from '../support/images';
import { captureLogs } from '../support/log-capture';
import { fileRows, pluginServices } from '../support/plugin';
import { seedImages } from '../support/seed';
import { uploadThroughApi } from '../support/upload';
import { sleep, waitFor } from '../support/wait-for';

/**
 * The queue keeps its word: no image is paid twice by racing requests, nothing retries forever,
 * a request is never swallowed, a stopped run stays stopped, a URL is never stale when sent, and a
 * shutdown gives calls in flight back to the queue.
 */
const API_KEY = `trust-key-${randomBytes(10).toString('hex')}`;
const JOB_UID = 'plugin::auto-alt-text.job';

interface Job {
  id: number;
  fileId: number;
  runId: number | null;
  status: string;
  reason: string;
  mode: string;
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
}

const baseEnv = (emulator: Emulator): Record<string, string> => ({
  ALT_TEXT_PROVIDER: 'alttextlab',
  ALT_TEXT_API_KEY: API_KEY,
  ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
  ALT_TEXT_CONCURRENCY: '2',
  ALT_TEXT_REQUESTS_PER_SECOND: '0',
  ALT_TEXT_POLL_INTERVAL_MS: '100',
  ALT_TEXT_RETRY_BASE_MS: '100',
  ALT_TEXT_RETRY_MAX_MS: '200',
  ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
});

const jobsOf = async (app: PlaygroundApp, fileId: number): Promise<Job[]> =>
  (await app.strapi.db.query(JOB_UID).findMany({ where: { fileId }, orderBy: { id: 'asc' } })) as Job[];

const upload = async (app: PlaygroundApp, name: string, rgb: { r: number; g: number; b: number }, size = 80) => {
  const result = await uploadThroughApi(app, { bytes: await solidPng(size, size, rgb), name, mime: 'image/png' });
  expect(result.status).toBe(201);
  return result.files[0].id;
};

const runningJobOf = (app: PlaygroundApp, fileId: number) =>
  waitFor(`file #${fileId}'s job to be running`, async () => (await jobsOf(app, fileId)).find((job) => job.status === 'running'), 10000);

describe('no image is paid twice, nothing is swallowed', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let admin: Api;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 10_000 }] });
    app = await bootPlayground({ env: { ...baseEnv(emulator), ALT_TEXT_MAX_ATTEMPTS: '1' } });
    admin = apiFor(app, await registerSuperAdmin(app));
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });
  beforeEach(async () => {
    emulator.reset();
    await pluginServices(app.strapi).queue.resume();
    await pluginServices(app.strapi).queue.idle();
  });

  test('Regenerate a failed image, then Retry all (and a burst of both at once): one provider call, one job owing work', async () => {
    emulator.setFaults({ status: 500, times: 1 });
    const id = await upload(app, 'failed-once.png', { r: 200, g: 30, b: 30 });
    await waitFor('the upload job to fail', async () => ((await jobsOf(app, id)).some((job) => job.status === 'failed') ? true : undefined));
    expect(emulator.requests).toHaveLength(1);

    await pluginServices(app.strapi).queue.pause('MANUAL', 'test holds the queue');
    expect((await admin('POST', `/auto-alt-text/media/${id}/regenerate`, {})).status).toBe(200);
    const retried = await admin('POST', '/auto-alt-text/failures/retry', {});
    expect(retried.body.data).toEqual({ retried: 0 });
    // The same requests racing each other: the database keeps one job owing work for the file.
    const burst = await Promise.all([
      ...Array.from({ length: 8 }, () => admin('POST', `/auto-alt-text/media/${id}/regenerate`, {})),
      ...Array.from({ length: 4 }, () => admin('POST', '/auto-alt-text/failures/retry', {})),
    ]);
    expect(burst.map((response) => response.status)).toEqual(burst.map(() => 200));
    const owing = (await jobsOf(app, id)).filter((job) => ['pending', 'running', 'paused'].includes(job.status));
    expect(owing).toHaveLength(1);
    expect(owing[0]).toMatchObject({ reason: 'manual', mode: 'overwrite' });

    await pluginServices(app.strapi).queue.resume();
    await waitFor('the alt text', async () => (await fileRows(app.strapi, [id]))[0].alternativeText ?? undefined);
    await pluginServices(app.strapi).queue.idle();
    await sleep(500);
    expect(emulator.requests).toHaveLength(2); // the failed attempt, then exactly one more
    expect(emulator.account(API_KEY)?.charged).toBe(1);
  });

  test('a failure superseded by a newer job is no longer listed, and Retry all leaves it alone', async () => {
    emulator.setFaults({ status: 500, times: 1 });
    const id = await upload(app, 'superseded.png', { r: 10, g: 200, b: 30 });
    await waitFor('the upload job to fail', async () => ((await jobsOf(app, id)).some((job) => job.status === 'failed') ? true : undefined));
    const before = await admin('GET', '/auto-alt-text/failures?pageSize=100');
    expect(before.body.data.rows.map((row: { fileId: number }) => row.fileId)).toContain(id);

    await admin('POST', `/auto-alt-text/media/${id}/regenerate`, {});
    await waitFor('the alt text', async () => (await fileRows(app.strapi, [id]))[0].alternativeText ?? undefined);
    await pluginServices(app.strapi).queue.idle();
    const after = await admin('GET', '/auto-alt-text/failures?pageSize=100');
    expect(after.body.data.rows.map((row: { fileId: number }) => row.fileId)).not.toContain(id);
    expect((await admin('POST', '/auto-alt-text/failures/retry', {})).body.data.retried).toBe(0);
  });

  test('Regenerate while the image is being described queues one follow-up after it instead of being swallowed', async () => {
    emulator.setFaults({ latencyMs: 1500 });
    const id = await upload(app, 'busy.png', { r: 30, g: 30, b: 220 });
    await runningJobOf(app, id);
    const response = await admin('POST', `/auto-alt-text/media/${id}/regenerate`, { lang: 'de' });
    expect(response.body.data).toEqual({ queued: true });

    await waitFor('two generate calls', async () => (emulator.requests.length >= 2 ? true : undefined), 15000);
    await pluginServices(app.strapi).queue.idle();
    const jobs = await jobsOf(app, id);
    expect(jobs.map((job) => [job.reason, job.mode, job.status])).toEqual([
      ['upload', 'fill', 'done'],
      ['manual', 'overwrite', 'done'],
    ]);
    const calls = emulator.requests;
    expect(calls.map((call) => call.lang)).toEqual(['en', 'de']);
  });

  test('Replace while the old bytes are being described: the new bytes are described after it', async () => {
    emulator.setFaults({ latencyMs: 1500 });
    const id = await upload(app, 'replaced.png', { r: 220, g: 20, b: 20 });
    await runningJobOf(app, id);

    const form = new FormData();
    const blue = await solidPng(80, 80, { r: 20, g: 20, b: 220 });
    form.append('files', new Blob([new Uint8Array(blue)], { type: 'image/png' }), 'replaced.png');
    const replaced = await fetch(`${app.url}/api/upload?id=${id}`, { method: 'POST', headers: { Authorization: `Bearer ${app.apiToken}` }, body: form });
    expect(replaced.status).toBe(200);

    const text = await waitFor('alt text for the new bytes', async () => {
      const [row] = await fileRows(app.strapi, [id]);
      return row.alternativeText && /blue/.test(row.alternativeText) ? row.alternativeText : undefined;
    }, 20000);
    expect(text).toMatch(/blue/);
    await pluginServices(app.strapi).queue.idle();
    expect((await jobsOf(app, id)).map((job) => job.reason)).toEqual(['upload', 'replace']);
  });
});

describe('a paused or cancelled run stays stopped', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 10_000 }] });
    app = await bootPlayground({ env: { ...baseEnv(emulator), ALT_TEXT_AUTO_ON_UPLOAD: 'false' } });
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  test.each(['pause', 'cancel'] as const)('%s: jobs whose call was in flight and failed are not put back to pending, and nothing more is sent', async (action) => {
    emulator.reset();
    const ids = await seedImages(app, 4, `stopped-${action}`);
    emulator.setFaults({ latencyMs: 1200, status: 503 });
    const runs = pluginServices(app.strapi).runs;
    const run = await runs.create({ scope: { kind: 'ids', ids } });
    // Two calls at the provider (a job can be 'running' before its call is sent: under load, a cancel
    // landing in that gap stops the call, and the test would wait for an answer that never comes).
    await waitFor('two calls in flight', async () => (emulator.startedCount() >= 2 ? true : undefined));

    await (action === 'pause' ? runs.pause(run.id) : runs.cancel(run.id));
    await waitFor('the two calls to be answered', async () => (emulator.requests.length >= 2 ? true : undefined), 10000);
    await sleep(1500); // several backoff periods (100–200 ms): a job put back to pending would be sent again
    const statuses = ((await app.strapi.db.query(JOB_UID).findMany({ where: { runId: run.id } })) as Job[]).map((job) => job.status);
    expect(statuses).toEqual(ids.map(() => (action === 'pause' ? 'paused' : 'cancelled')));
    expect(emulator.requests).toHaveLength(2);

    if (action === 'pause') {
      emulator.clearFaults();
      await runs.resume(run.id);
      await waitFor('the run to finish', async () => ((await runs.get(run.id))?.status === 'done' ? true : undefined), 15000);
      expect((await runs.get(run.id))?.counts).toMatchObject({ done: 4, failed: 0 });
    }
  });
});

describe('nothing retries forever', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 10_000 }] });
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  test('a job whose worker died holding it is failed as WORKER_LOST once its attempts are used, not taken over again', async () => {
    const app = await bootPlayground({ env: { ...baseEnv(emulator), ALT_TEXT_AUTO_ON_UPLOAD: 'false', ALT_TEXT_MAX_ATTEMPTS: '2' } });
    try {
      const [lost, survivor] = await seedImages(app, 2, 'crashy');
      const runs = pluginServices(app.strapi).runs;
      // Paused first: the worker, nudged by the run, reads the pause from its cache and would otherwise claim the job at once.
      await pluginServices(app.strapi).queue.pause('MANUAL', 'test stages dead workers');
      const run = await runs.create({ scope: { kind: 'ids', ids: [lost] } });
      await waitFor('the run to be enqueued', async () => ((await jobsOf(app, lost)).length === 1 ? true : undefined));
      // What a replica killed in the middle of a call leaves behind: running, its lease in the past.
      const past = new Date(Date.now() - 60_000);
      const [job] = await jobsOf(app, lost);
      await app.strapi.db.query(JOB_UID).update({ where: { id: job.id }, data: { status: 'running', attempts: 2, leaseOwner: 'dead-replica', leaseUntil: past } });
      await app.strapi.db.query(JOB_UID).create({
        data: { fileId: survivor, activeFileId: survivor, reason: 'manual', mode: 'fill', status: 'running', attempts: 1, leaseOwner: 'dead-replica', leaseUntil: past, availableAt: past },
      });

      await pluginServices(app.strapi).queue.resume();
      await waitFor('the survivor to get alt text', async () => (await fileRows(app.strapi, [survivor]))[0].alternativeText ?? undefined);
      await pluginServices(app.strapi).queue.idle();

      const [failed] = await jobsOf(app, lost);
      expect(failed).toMatchObject({ status: 'failed', errorCode: 'WORKER_LOST', attempts: 2 });
      expect(failed.errorMessage).toMatch(/stopped before it finished/);
      expect((await fileRows(app.strapi, [lost]))[0].alternativeText).toBeNull();
      expect(emulator.requests).toHaveLength(1); // the survivor's take-over only
      expect((await runs.get(run.id))?.status).toBe('done');
    } finally {
      await app.stop();
    }
  });

  test('a provider that answers 429 forever: the image fails after maxRateLimitWaits waits, with a reason that says so', async () => {
    const app = await bootPlayground({ env: { ...baseEnv(emulator), ALT_TEXT_MAX_RATE_LIMIT_WAITS: '2', ALT_TEXT_RATE_LIMIT_WAIT_MS: '100' } });
    try {
      emulator.setFaults({ status: 429 });
      const id = await upload(app, 'throttled.png', { r: 90, g: 90, b: 20 });
      const failed = await waitFor('the job to fail', async () => (await jobsOf(app, id)).find((job) => job.status === 'failed'), 15000);
      expect(failed).toMatchObject({ errorCode: 'RATE_LIMITED' });
      expect(failed.errorMessage).toMatch(/still rate limited after waiting 2 times; see maxRateLimitWaits/);
      expect(emulator.requests).toHaveLength(3);
    } finally {
      await app.stop();
    }
  });
});

describe('URLs are minted right before the paid call', () => {
  test('with one call every 4 s and 1 s URLs, the image that waited its turn still gets a working URL', async () => {
    const emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 10_000 }] });
    const app = await bootPlayground({
      env: { ...baseEnv(emulator), ALT_TEXT_AUTO_ON_UPLOAD: 'false', ALT_TEXT_REQUESTS_PER_SECOND: '0.25', ALT_TEXT_PRESIGN_EXPIRES_SECONDS: '1' },
    });
    try {
      const ids = await seedImages(app, 2, 'patient');
      const run = await pluginServices(app.strapi).runs.create({ scope: { kind: 'ids', ids } });
      await waitFor('the run to finish', async () => ((await pluginServices(app.strapi).runs.get(run.id))?.status === 'done' ? true : undefined), 30000);
      expect((await pluginServices(app.strapi).runs.get(run.id))?.counts).toMatchObject({ done: 2, failed: 0 });
      expect(emulator.requests.map((request) => request.imageFetchStatus)).toEqual([200, 200]);
      expect(emulator.requests[1].at - emulator.requests[0].at).toBeGreaterThanOrEqual(3500);
    } finally {
      await app.stop();
      await emulator.close();
    }
  });
});

describe('a clean shutdown', () => {
  test('a call slower than shutdownGraceMs is aborted, its job goes back in line with its attempt refunded, and the next boot finishes it', async () => {
    const emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 10_000 }] });
    let app = await bootPlayground({ env: { ...baseEnv(emulator), ALT_TEXT_SHUTDOWN_GRACE_MS: '500' } });
    try {
      emulator.setFaults({ latencyMs: 8000 });
      const id = await upload(app, 'slow.png', { r: 120, g: 60, b: 200 });
      await runningJobOf(app, id);
      const logs = captureLogs(app.strapi);
      const started = Date.now();
      await app.stop({ keepData: true });
      expect(Date.now() - started).toBeLessThan(4000);
      expect(logs.lines.join('\n')).toMatch(/shutdown: 1 provider call\(s\) still running after 500 ms were abandoned; their images are queued again \(the provider may still bill those calls\)/);

      const row = withDatabase(app.data.database.env.DATABASE_FILENAME, (db) =>
        db.prepare('SELECT status, attempts, lease_owner FROM auto_alt_text_jobs WHERE file_id = ?').get(id)
      );
      expect(row).toEqual({ status: 'pending', attempts: 0, lease_owner: null });

      emulator.clearFaults();
      app = await bootPlayground({ env: { ...baseEnv(emulator), ALT_TEXT_SHUTDOWN_GRACE_MS: '500' }, reuse: app.data });
      await waitFor('the alt text after the restart', async () => (await fileRows(app.strapi, [id]))[0].alternativeText ?? undefined);
    } finally {
      await app.stop();
      await emulator.close();
    }
  });
});
