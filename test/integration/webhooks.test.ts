import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { apiFor, registerSuperAdmin, type Api } from '../reliability/admin';
import { solidPng } from '../support/images';
import { captureLogs } from '../support/log-capture';
import { fileRows, pluginServices } from '../support/plugin';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { uploadThroughApi } from '../support/upload';
import { waitFor } from '../support/wait-for';

/**
 * Strapi webhooks against the real app (SQLite, AltTextLab emulator over HTTP, images in the
 * private S3 bucket, locales en + fr): a webhook made through Strapi's own admin API, subscribed to
 * the plugin's four events, and a real HTTP receiver that keeps every POST. Each event arrives once
 * per change, with ids, codes and counts — never the key or an image URL (signed or not).
 */
const API_KEY = `webhooks-key-${randomBytes(10).toString('hex')}`;
const EVENTS = ['alt-text.generated', 'alt-text.failed', 'alt-text.run.finished', 'alt-text.queue.paused'];

interface Delivery {
  event: string;
  createdAt: string;
  [field: string]: unknown;
}

describe('Strapi webhooks: the plugin tells a subscribed receiver', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let admin: Api;
  let receiver: RecordingServer;
  const imageUrls: string[] = [];
  /** What an in-process subscriber of Strapi's event hub saw at the moment each plugin event was emitted. */
  const emitted: Array<{ event: string; inTransaction: boolean; storedText?: string | null; payload: Record<string, unknown> }> = [];

  const deliveries = (event: string, match: Record<string, unknown> = {}): Delivery[] =>
    receiver.calls
      .map((call) => JSON.parse(call.body) as Delivery)
      .filter((body) => body.event === event && Object.entries(match).every(([key, value]) => body[key] === value));
  const delivered = (event: string, match: Record<string, unknown> = {}, count = 1) =>
    waitFor(`${count} × ${event} ${JSON.stringify(match)}`, async () => {
      const found = deliveries(event, match);
      return found.length >= count ? found : undefined;
    }, 30000);
  const upload = async (name: string, bytes: Buffer) => {
    const result = await uploadThroughApi(app, { bytes, name, mime: 'image/png' });
    expect(result.status).toBe(201);
    const file = (await fileRows(app.strapi, [result.files[0].id as number]))[0] as Awaited<ReturnType<typeof fileRows>>[number] & { documentId: string };
    imageUrls.push(file.url);
    return file;
  };
  /** Everything the queue owed is done and every background emit has had its turn to be posted. */
  const settled = async () => {
    await pluginServices(app.strapi).queue.idle();
    await new Promise((resolve) => setTimeout(resolve, 300));
  };

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
    receiver = await startRecordingServer();
    app = await bootPlayground({
      env: {
        ALT_TEXT_PROVIDER: 'alttextlab',
        ALT_TEXT_API_KEY: API_KEY,
        ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
        ALT_TEXT_POLL_INTERVAL_MS: '100',
        ALT_TEXT_REQUESTS_PER_SECOND: '0',
        ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
        ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: ['en', 'fr'] }),
      },
    });
    admin = apiFor(app, await registerSuperAdmin(app));
    app.strapi.eventHub.subscribe(async (event: string, payload: Record<string, unknown>) => {
      if (!event.startsWith('alt-text.')) return;
      const inTransaction = app.strapi.db.inTransaction();
      // The default locale's text is the file's own column: what the database holds as the event goes out.
      const storedText = event === 'alt-text.generated' && payload.locale === 'en' ? (await fileRows(app.strapi, [payload.fileId as number]))[0]?.alternativeText : undefined;
      emitted.push({ event, inTransaction, storedText, payload });
    });
    // Strapi's webhook store refuses an event nobody registered: this is what a site owner does.
    const created = await admin('POST', '/admin/webhooks', { name: 'alt text', url: `${receiver.url}/hook`, headers: {}, events: EVENTS });
    expect({ status: created.status, text: created.text }).toMatchObject({ status: 201 });
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    await receiver?.close();
  });

  test('the webhook is stored with the plugin events (Strapi lists it in Settings → Webhooks)', async () => {
    const listed = await admin('GET', '/admin/webhooks');
    expect(listed.body.data).toEqual([expect.objectContaining({ name: 'alt text', events: EVENTS, isEnabled: true })]);
  });

  test('alt-text.generated: once per locale written, after the write, with the file and document ids', async () => {
    const file = await upload('webhook-green.png', await solidPng(80, 60, { r: 20, g: 160, b: 60 }));
    const [en] = await delivered('alt-text.generated', { fileId: file.id, locale: 'en' });
    const [fr] = await delivered('alt-text.generated', { fileId: file.id, locale: 'fr' });
    await settled();
    const [stored] = await fileRows(app.strapi, [file.id]);
    expect(en).toEqual({
      event: 'alt-text.generated',
      createdAt: expect.any(String),
      fileId: file.id,
      documentId: file.documentId,
      locale: 'en',
      source: 'generated',
      text: stored.alternativeText,
      provider: 'alttextlab',
      jobId: expect.any(Number),
    });
    expect(fr).toMatchObject({ fileId: file.id, documentId: file.documentId, locale: 'fr', source: 'generated', jobId: en.jobId });
    expect(deliveries('alt-text.generated', { fileId: file.id })).toHaveLength(2);
    // Emitted after the job's write-back committed, not inside its transaction: the text is there.
    expect(emitted.filter((each) => each.payload.fileId === file.id).map(({ event, inTransaction, storedText }) => ({ event, inTransaction, storedText }))).toEqual([
      { event: 'alt-text.generated', inTransaction: false, storedText: stored.alternativeText },
      { event: 'alt-text.generated', inTransaction: false, storedText: undefined },
    ]);
    const hook = receiver.calls.find((call) => call.body.includes(`"fileId":${file.id}`));
    expect(hook).toMatchObject({ method: 'POST', url: '/hook', headers: expect.objectContaining({ 'x-strapi-event': 'alt-text.generated' }) });
  });

  test('alt-text.failed: a corrupt image fails for good, told once with its error code', async () => {
    const png = await solidPng(100, 100, { r: 30, g: 60, b: 220 });
    const file = await upload('webhook-corrupt.png', Buffer.concat([png.subarray(0, 33), randomBytes(400)]));
    const [failed] = await delivered('alt-text.failed', { fileId: file.id });
    await settled();
    expect(failed).toEqual({
      event: 'alt-text.failed',
      createdAt: expect.any(String),
      fileId: file.id,
      documentId: file.documentId,
      locales: ['en', 'fr'],
      source: 'generated',
      errorCode: 'UNSUPPORTED_IMAGE',
      jobId: expect.any(Number),
      runId: null,
    });
    expect(deliveries('alt-text.failed', { fileId: file.id })).toHaveLength(1);
    expect(deliveries('alt-text.generated', { fileId: file.id })).toHaveLength(0);
  });

  test('alt-text.run.finished: a bulk run to its end, told once with its scope, mode and counts', async () => {
    const first = await upload('webhook-red.png', await solidPng(70, 50, { r: 200, g: 30, b: 30 }));
    const second = await upload('webhook-blue.png', await solidPng(50, 70, { r: 30, g: 30, b: 200 }));
    await delivered('alt-text.generated', { fileId: second.id }, 2);
    await settled();
    const started = await admin('POST', '/auto-alt-text/runs', { scope: { kind: 'ids', ids: [first.id, second.id] }, mode: 'overwrite', force: true });
    expect(started.status).toBe(200);
    const runId = started.body.data.id as number;
    const [finished] = await delivered('alt-text.run.finished', { runId });
    await settled();
    expect(finished).toEqual({
      event: 'alt-text.run.finished',
      createdAt: expect.any(String),
      runId,
      scope: { kind: 'ids', files: 2 },
      mode: 'overwrite',
      locale: null,
      status: 'done',
      counts: { total: 2, done: 2, skipped: 0, failed: 0, cancelled: 0 },
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    expect(deliveries('alt-text.run.finished', { runId })).toHaveLength(1);
    // The run's own writes are told too, with their job.
    expect(deliveries('alt-text.generated', { fileId: first.id }).length).toBeGreaterThanOrEqual(4);
  });

  test('alt-text.run.finished: a cancelled run is told once, as cancelled', async () => {
    const first = await upload('webhook-cyan.png', await solidPng(70, 50, { r: 30, g: 200, b: 200 }));
    const second = await upload('webhook-lime.png', await solidPng(50, 70, { r: 100, g: 220, b: 30 }));
    await delivered('alt-text.generated', { fileId: second.id }, 2);
    await settled();
    const started = await admin('POST', '/auto-alt-text/runs', { scope: { kind: 'ids', ids: [first.id, second.id] }, mode: 'overwrite', force: true });
    const runId = started.body.data.id as number;
    expect((await admin('POST', `/auto-alt-text/runs/${runId}/cancel`)).status).toBe(200);
    const [finished] = await delivered('alt-text.run.finished', { runId });
    await settled();
    expect(finished).toMatchObject({ event: 'alt-text.run.finished', runId, status: 'cancelled', scope: { kind: 'ids', files: 2 } });
    expect((finished.counts as { total: number }).total).toBe(2);
    expect(deliveries('alt-text.run.finished', { runId })).toHaveLength(1);
  });

  test('alt-text.queue.paused: the pause reason code, told once however often the admin clicks', async () => {
    expect((await admin('POST', '/auto-alt-text/queue/pause')).status).toBe(200);
    const [paused] = await delivered('alt-text.queue.paused');
    expect((await admin('POST', '/auto-alt-text/queue/pause')).status).toBe(200);
    await settled();
    expect(paused).toEqual({ event: 'alt-text.queue.paused', createdAt: expect.any(String), reason: 'MANUAL', resumesAt: null });
    expect(deliveries('alt-text.queue.paused')).toHaveLength(1);
    expect((await admin('POST', '/auto-alt-text/queue/resume')).status).toBe(200);
  });

  test('an emit that fails is logged and breaks nothing: the job still ends done, its text written', async () => {
    const logs = captureLogs(app.strapi);
    const unsubscribe = app.strapi.eventHub.subscribe(async (event: string) => {
      if (event.startsWith('alt-text.')) throw new Error('a subscriber exploded');
    });
    try {
      const file = await upload('webhook-grey.png', await solidPng(60, 60, { r: 120, g: 120, b: 120 }));
      await delivered('alt-text.generated', { fileId: file.id }, 2);
      await settled();
      const job = (await app.strapi.db.query('plugin::auto-alt-text.job').findMany({ where: { fileId: file.id } })) as Array<{ status: string }>;
      expect(job.map((each) => each.status)).toEqual(['done']);
      expect((await fileRows(app.strapi, [file.id]))[0].alternativeText).toBe(deliveries('alt-text.generated', { fileId: file.id, locale: 'en' })[0].text);
      expect(logs.lines.filter((line) => line.includes('webhook event alt-text.generated not sent: a subscriber exploded'))).toHaveLength(2);
    } finally {
      unsubscribe();
      logs.restore();
    }
  });

  test('no delivery carries the key, a signed URL or an image URL', () => {
    expect(emitted.filter((each) => each.inTransaction)).toEqual([]);
    expect(receiver.calls.length).toBeGreaterThanOrEqual(8);
    expect(receiver.carrying(API_KEY)).toEqual([]);
    for (const call of receiver.calls) {
      expect(call.body).not.toMatch(/X-Amz-|signature|https?:\/\//i);
      for (const url of imageUrls) expect(call.body).not.toContain(url);
    }
  });
});
