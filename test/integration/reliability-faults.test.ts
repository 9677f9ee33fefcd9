import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { sharedS3, sharedS3Client } from '../harness/test-s3';
import { solidPng } from '../support/images';
import { fileRows, pluginServices } from '../support/plugin';
import { uploadThroughApi } from '../support/upload';
import { sleep, waitFor } from '../support/wait-for';
import { apiFor, registerSuperAdmin, type Api } from '../reliability/admin';
import { startFaultProxy, startTcpProxy, type FaultProxy, type TcpProxy } from '../reliability/fault-server';
import { sweepForSecrets, watchSecrets, type SecretWatch } from '../reliability/secret-sweep';

/**
 * Reliability suite, faults: every provider and storage fault ends in a retry that succeeds or in
 * a named failure an admin can read (the job's errorCode + errorMessage, `listFailures`, the queue
 * state) — never in a lost upload, a retry loop or a second credit. The app reaches the provider
 * through a fault proxy (refused / reset connections, a 200 with an HTML page) in front of the
 * emulator (its own faults), and S3 through a TCP proxy that can be taken down.
 */
const API_KEY = `faults-key-${randomBytes(12).toString('hex')}`;
const JOB_UID = 'plugin::auto-alt-text.job';
const MAX_ATTEMPTS = 4;

interface Job {
  id: number;
  fileId: number;
  status: string;
  attempts: number;
  strategy: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

let emulator: Emulator;
let proxy: FaultProxy;
let s3: TcpProxy;
let app: PlaygroundApp;
let admin: Api;
let watch: SecretWatch;
let colour = 0;

const services = () => pluginServices(app.strapi);
const jobOf = async (fileId: number): Promise<Job | undefined> =>
  ((await app.strapi.db.query(JOB_UID).findMany({ where: { fileId }, orderBy: { id: 'desc' }, limit: 1 })) as Job[])[0];
const settled = (fileId: number, timeoutMs = 20000) =>
  waitFor(`the job of file #${fileId} to settle`, async () => {
    const job = await jobOf(fileId);
    return job && ['done', 'failed', 'skipped'].includes(job.status) ? job : undefined;
  }, timeoutMs);
const altOf = async (fileId: number) => (await fileRows(app.strapi, [fileId]))[0]?.alternativeText ?? null;
/** Uploads a distinct small PNG through the real API; the upload itself must always succeed. */
const upload = async (name: string) => {
  colour += 1;
  const png = await solidPng(80 + (colour % 40), 60, { r: (colour * 53) % 256, g: (colour * 101) % 256, b: (colour * 29) % 256 });
  const result = await uploadThroughApi(app, { bytes: png, name, mime: 'image/png' });
  expect(result.status).toBe(201);
  return result.files[0].id;
};
const charged = () => emulator.account(API_KEY)?.charged ?? 0;
/** The failure as the admin reads it (GET /auto-alt-text/failures). */
const failureRow = async (fileId: number) => {
  const { body } = await admin('GET', '/auto-alt-text/failures?pageSize=100');
  return (body.data.rows as Array<{ fileId: number; fileName: string; code: string; message: string; strategy: string; attempts: number }>).find((row) => row.fileId === fileId);
};

beforeAll(async () => {
  emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
  proxy = await startFaultProxy(emulator.url);
  s3 = await startTcpProxy(sharedS3().endpoint);
  app = await bootPlayground({
    env: {
      S3_ENDPOINT: s3.url,
      ALT_TEXT_PROVIDER: 'alttextlab',
      ALT_TEXT_API_KEY: API_KEY,
      ALT_TEXT_BASE_URL: `${proxy.url}/alttextlab/api/v1`,
      ALT_TEXT_CONCURRENCY: '2',
      ALT_TEXT_REQUESTS_PER_SECOND: '0',
      ALT_TEXT_POLL_INTERVAL_MS: '100',
      ALT_TEXT_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      ALT_TEXT_RETRY_BASE_MS: '200',
      ALT_TEXT_RETRY_MAX_MS: '1000',
      ALT_TEXT_RATE_LIMIT_WAIT_MS: '700',
      ALT_TEXT_REQUEST_TIMEOUT_MS: '3000',
      ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
    },
  });
  watch = watchSecrets(app.strapi);
  admin = apiFor(app, await registerSuperAdmin(app), (response) => watch.record(`${response.method} ${response.path}`, response.text));
});

afterAll(async () => {
  watch?.restore();
  await app?.stop();
  await proxy?.close();
  await s3?.close();
  await emulator?.close();
});

beforeEach(async () => {
  emulator.reset();
  await proxy.accept();
  await s3.up();
  await services().queue.resume();
  await services().queue.idle();
  emulator.reset();
});

describe('provider faults: a retry that succeeds, or a named failure', () => {
  test('connection refused: retried with backoff, then written once the provider is back (one credit)', async () => {
    await proxy.refuse();
    const id = await upload('refused.png');
    await waitFor('a refused attempt to be rescheduled', async () => {
      const job = await jobOf(id);
      return job?.status === 'pending' && job.errorCode === 'TRANSIENT' ? job : undefined;
    });
    await proxy.accept();
    const job = await settled(id);
    expect(job).toMatchObject({ status: 'done', errorCode: 'TRANSIENT' });
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    expect(await altOf(id)).toMatch(/^A \d+×60 image/);
    expect(charged()).toBe(1);
  });

  test('connection refused throughout: after maxAttempts a named TRANSIENT failure, nothing spent', async () => {
    await proxy.refuse();
    const id = await upload('never-reachable.png');
    const job = await settled(id);
    expect(job).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, errorCode: 'TRANSIENT' });
    expect(job.errorMessage).toBe(
      `TRANSIENT: alttextlab for file #${id} "never-reachable.png": connection failed (ECONNREFUSED) (gave up after ${MAX_ATTEMPTS} attempts)`
    );
    expect(await failureRow(id)).toMatchObject({ fileName: 'never-reachable.png', code: 'TRANSIENT', attempts: MAX_ATTEMPTS });
    expect(await altOf(id)).toBeNull();
    expect(emulator.requests).toHaveLength(0);
  });

  test('connection reset before any answer: retried, written, one credit', async () => {
    proxy.push({ kind: 'reset-before-answer' });
    const id = await upload('reset-early.png');
    const job = await settled(id);
    expect(job).toMatchObject({ status: 'done', errorCode: 'TRANSIENT', errorMessage: expect.stringContaining('ECONNRESET') });
    expect(await altOf(id)).not.toBeNull();
    expect(charged()).toBe(1);
  });

  test('connection reset in the middle of a 200 answer: a named BAD_RESPONSE failure, not a retry that would pay twice', async () => {
    proxy.push({ kind: 'reset-mid-response' });
    const id = await upload('reset-mid.png');
    const job = await settled(id);
    expect(job).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'BAD_RESPONSE' });
    expect(job.errorMessage).toMatch(/dropped in the middle of a 200 answer \(it may already be billed, so it is not retried\)$/);
    // The provider billed the answer that was lost; nothing was billed a second time.
    expect(charged()).toBe(1);
    await sleep(500);
    expect(emulator.requests).toHaveLength(1);
    // The admin retries it deliberately.
    await services().queue.retryFailed({ jobIds: [job.id] });
    expect(await settled(id)).toMatchObject({ status: 'done' });
    expect(charged()).toBe(2);
  });

  test('a provider that hangs past requestTimeoutMs: TIMEOUT, retried, written', async () => {
    emulator.setFaults({ hang: true, times: 1 });
    const id = await upload('hang.png');
    const job = await settled(id);
    expect(job).toMatchObject({ status: 'done', errorCode: 'TIMEOUT', errorMessage: expect.stringContaining('no complete answer within 3000 ms') });
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    expect(emulator.requests[0]).toMatchObject({ status: 0, fault: 'hang' });
    expect(charged()).toBe(1);
  });

  test('a provider slower than requestTimeoutMs: TIMEOUT, retried, written — and the slow answer is still billed there (the documented limit)', async () => {
    emulator.setFaults({ latencyMs: 3500, times: 1 });
    const id = await upload('slow.png');
    const job = await settled(id);
    expect(job).toMatchObject({ status: 'done', errorCode: 'TIMEOUT' });
    await waitFor('the slow call to finish at the provider', async () => (emulator.requests.length >= 2 ? true : undefined));
    // One credit for the answer nobody waited for, one for the retry: at most one extra per timed-out attempt.
    expect(charged()).toBe(2);
  });

  test.each([500, 502, 503] as const)('%i with an HTML body: retried, written', async (status) => {
    emulator.setFaults({ status, htmlBody: true, times: 2 });
    const id = await upload(`html-${status}.png`);
    const job = await settled(id);
    expect(job).toMatchObject({ status: 'done', errorCode: 'TRANSIENT', errorMessage: expect.stringContaining(`server error ${status} with an HTML page`) });
    expect(job.attempts).toBeGreaterThanOrEqual(3);
    expect(charged()).toBe(1);
  });

  test('503 with an HTML body that never ends: a named failure after maxAttempts', async () => {
    emulator.setFaults({ status: 503, htmlBody: true });
    const id = await upload('html-forever.png');
    const job = await settled(id);
    expect(job).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, errorCode: 'TRANSIENT' });
    expect(job.errorMessage).toBe(`TRANSIENT: alttextlab for file #${id} "html-forever.png": server error 503 with an HTML page (gave up after ${MAX_ATTEMPTS} attempts)`);
    expect(emulator.requests).toHaveLength(MAX_ATTEMPTS);
    expect(charged()).toBe(0);
  });

  test.each([
    ['malformed JSON', { malformedJson: true }, /the generation answer was malformed JSON \(200\), not JSON$/],
    ['the wrong shape', { wrongShape: true }, /the generation answer does not have the documented shape \(at result\)$/],
  ] as const)('a 200 with %s: a named BAD_RESPONSE failure at once (no retry: the credit is already spent)', async (_name, fault, message) => {
    emulator.setFaults(fault);
    const id = await upload('bad-answer.png');
    const job = await settled(id);
    expect(job).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'BAD_RESPONSE', strategy: 'presigned' });
    expect(job.errorMessage).toMatch(message);
    expect(await failureRow(id)).toMatchObject({ code: 'BAD_RESPONSE', message: job.errorMessage });
    await sleep(300);
    expect(emulator.requests).toHaveLength(1);
    expect(charged()).toBe(1);
  });

  test('a 200 with an HTML page (a captive portal or a misrouted proxy): a named BAD_RESPONSE failure', async () => {
    proxy.push({ kind: 'raw', status: 200, contentType: 'text/html; charset=utf-8', body: '<!DOCTYPE html><html><body><h1>Sign in to the Wi-Fi</h1></body></html>' });
    const id = await upload('html-200.png');
    const job = await settled(id);
    expect(job).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'BAD_RESPONSE' });
    expect(job.errorMessage).toMatch(/the generation answer was an HTML page \(200\), not JSON$/);
    expect(charged()).toBe(0);
  });

  test('429 with Retry-After: waited out without spending an attempt, then written', async () => {
    emulator.setFaults({ status: 429, retryAfterSeconds: 1, times: 1 });
    const id = await upload('limited.png');
    const job = await settled(id);
    expect(job).toMatchObject({ status: 'done', attempts: 1, errorCode: 'RATE_LIMITED' });
    const [limited, served] = emulator.requests;
    expect(limited.status).toBe(429);
    expect(served.at - limited.at).toBeGreaterThanOrEqual(950);
    expect(charged()).toBe(1);
  });

  test('429 without Retry-After: waits rateLimitWaitMs without spending an attempt, then written', async () => {
    emulator.setFaults({ status: 429, times: 1 });
    const id = await upload('limited-no-header.png');
    const job = await settled(id);
    expect(job).toMatchObject({ status: 'done', attempts: 1, errorCode: 'RATE_LIMITED' });
    const [limited, served] = emulator.requests;
    expect(served.at - limited.at).toBeGreaterThanOrEqual(650);
    expect(charged()).toBe(1);
  });

  test('401 in the middle of a run: the whole queue pauses with the reason, the rest stays pending, and all finish once the key verifies', async () => {
    await services().queue.pause('MANUAL', 'seeding');
    const ids: number[] = [];
    for (let i = 0; i < 8; i += 1) ids.push(await upload(`revoked-${i}.png`));
    emulator.setFaults({ latencyMs: 400 });
    await services().queue.resume();
    await waitFor('two images to be written', async () => (charged() >= 2 ? true : undefined));
    emulator.setFaults({ invalidKey: true });
    await waitFor('the queue to pause', async () => ((await services().queue.getState()).paused ? true : undefined));
    await services().queue.idle();

    const status = await admin('GET', '/auto-alt-text/status');
    expect(status.body.data.queue).toMatchObject({ paused: true, reason: 'INVALID_KEY', message: expect.stringContaining('the API key was rejected (401)') });
    const jobs = await Promise.all(ids.map(jobOf));
    const done = jobs.filter((job) => job?.status === 'done').length;
    expect(done).toBe(charged());
    expect(jobs.filter((job) => job?.status === 'pending')).toHaveLength(ids.length - done);
    expect(jobs.filter((job) => job?.status === 'failed')).toHaveLength(0);
    // Waiting jobs did not spend their attempts on the revoked key.
    for (const job of jobs.filter((j) => j?.status === 'pending')) expect(job?.attempts).toBe(0);

    emulator.clearFaults();
    const verified = await admin('POST', '/auto-alt-text/settings/verify', {});
    expect(verified.body.data).toMatchObject({ valid: true });
    await waitFor('every image to get alt text', async () => ((await Promise.all(ids.map(altOf))).every(Boolean) ? true : undefined));
    expect(charged()).toBe(ids.length);
    expect((await services().queue.getState()).paused).toBe(false);
  });

  test('credits exhausted in the middle of a run: the queue pauses with the rest pending, and finishes once credits return', async () => {
    await services().queue.pause('MANUAL', 'seeding');
    const ids: number[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await upload(`credits-${i}.png`));
    emulator.setFaults({ creditsAfter: 2 }, { key: API_KEY });
    await services().queue.resume();
    await waitFor('the queue to pause', async () => ((await services().queue.getState()).paused ? true : undefined));
    await services().queue.idle();

    expect(await services().queue.getState()).toMatchObject({ paused: true, reason: 'OUT_OF_CREDITS', message: expect.stringContaining('no credits left') });
    const jobs = await Promise.all(ids.map(jobOf));
    expect(jobs.map((job) => job?.status).sort()).toEqual(['done', 'done', 'pending', 'pending', 'pending']);
    expect(charged()).toBe(2);

    emulator.addAccount({ key: API_KEY, credits: 100 });
    expect(await services().queue.probeCredits()).toBe(true);
    await waitFor('every image to get alt text', async () => ((await Promise.all(ids.map(altOf))).every(Boolean) ? true : undefined));
    expect(charged()).toBe(5);
  });
});

describe('storage faults: named failures, never a retry loop', () => {
  const objectKey = async (fileId: number) => {
    const row = (await app.strapi.db.query('plugin::upload.file').findOne({ where: { id: fileId } })) as { hash: string; ext: string };
    return `${app.s3.rootPath}/${row.hash}${row.ext}`;
  };

  test('S3 unreachable while presigning and while the provider fetches: IMAGE_UNREACHABLE at once; an admin retry succeeds once it is back', async () => {
    await services().queue.pause('MANUAL', 'seeding');
    const id = await upload('s3-down.png');
    await s3.down();
    await services().queue.resume();
    const job = await settled(id);
    // Presigning is offline (SigV4 with the provider's credentials), so it succeeded; the provider's fetch did not.
    expect(job).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'IMAGE_UNREACHABLE', strategy: 'presigned' });
    expect(job.errorMessage).toBe(`IMAGE_UNREACHABLE: alttextlab for file #${id} "s3-down.png": the provider could not download the image (500 IMAGE_FETCH_FAILED)`);
    expect(emulator.requests).toHaveLength(1);
    expect(charged()).toBe(0);

    await s3.up();
    await admin('POST', '/auto-alt-text/failures/retry', { jobIds: [job.id] });
    expect(await settled(id)).toMatchObject({ status: 'done' });
    expect(await altOf(id)).not.toBeNull();
  });

  test('the object deleted between enqueue and processing: one IMAGE_UNREACHABLE failure, no retry loop', async () => {
    await services().queue.pause('MANUAL', 'seeding');
    const id = await upload('deleted-object.png');
    await sharedS3Client().send(new DeleteObjectCommand({ Bucket: app.s3.bucket, Key: await objectKey(id) }));
    await services().queue.resume();
    const job = await settled(id);
    expect(job).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'IMAGE_UNREACHABLE', strategy: 'presigned' });
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0].imageFetchStatus).toBe(404);
    await sleep(1000);
    expect(emulator.requests).toHaveLength(1);
    expect(await jobOf(id)).toMatchObject({ status: 'failed', attempts: 1 });
  });

  test('the file itself deleted between enqueue and processing: skipped with the reason, nothing sent', async () => {
    await services().queue.pause('MANUAL', 'seeding');
    const id = await upload('deleted-file.png');
    const row = await app.strapi.db.query('plugin::upload.file').findOne({ where: { id } });
    await app.strapi.plugin('upload').service('upload').remove(row);
    await services().queue.resume();
    expect(await settled(id)).toMatchObject({ status: 'skipped', errorMessage: 'the file no longer exists' });
    expect(emulator.requests).toHaveLength(0);
  });

  describe('with inline delivery (the plugin reads the bytes itself)', () => {
    beforeAll(() => services().settings.update({ imageDelivery: 'inline' }));
    afterAll(() => services().settings.update({ imageDelivery: 'auto' }));

    test('S3 unreachable while the plugin reads the image: IMAGE_UNREACHABLE before anything is sent; a retry succeeds', async () => {
      await services().queue.pause('MANUAL', 'seeding');
      const id = await upload('s3-down-inline.png');
      await s3.down();
      await services().queue.resume();
      const job = await settled(id);
      expect(job).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'IMAGE_UNREACHABLE', strategy: 'inline' });
      expect(job.errorMessage).toMatch(new RegExp(`^IMAGE_UNREACHABLE: alttextlab for file #${id} "s3-down-inline.png": inline delivery: S3 could not be reached \\(ECONNREFUSED\\)$`));
      expect(emulator.requests).toHaveLength(0);

      await s3.up();
      await services().queue.retryFailed({ jobIds: [job.id] });
      expect(await settled(id)).toMatchObject({ status: 'done', strategy: 'inline' });
      expect(emulator.requests.map((request) => request.imageSource)).toEqual(['base64']);
    });

    test('the object deleted before the plugin reads it: IMAGE_UNREACHABLE "not in the bucket", once', async () => {
      await services().queue.pause('MANUAL', 'seeding');
      const id = await upload('deleted-inline.png');
      await sharedS3Client().send(new DeleteObjectCommand({ Bucket: app.s3.bucket, Key: await objectKey(id) }));
      await services().queue.resume();
      const job = await settled(id);
      expect(job).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'IMAGE_UNREACHABLE', strategy: 'inline' });
      expect(job.errorMessage).toMatch(/inline delivery: the object is not in the bucket$/);
      await sleep(500);
      expect(emulator.requests).toHaveLength(0);
    });
  });
});

describe('secrets', () => {
  test('no log line, job record or admin API response of this file carried the API key or a signature', async () => {
    const result = await sweepForSecrets({ strapi: app.strapi, watch, admin, secrets: [API_KEY], emulator });
    expect(result.findings).toEqual([]);
    expect(result.scanned.logLines).toBeGreaterThan(20);
    expect(result.scanned.jobs).toBeGreaterThan(15);
  });
});
