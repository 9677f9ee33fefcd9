import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../emulator/server';
import { describeImage } from '../../emulator/describe';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { sharedS3Client } from '../harness/test-s3';
import { captureLogs } from '../support/log-capture';
import { solidPng, tinyPdf } from '../support/images';
import { uploadThroughApi } from '../support/upload';
import { sleep, waitFor } from '../support/wait-for';

const API_KEY = `alt-key-${randomBytes(12).toString('hex')}`;
const PRESIGN_SECONDS = 5;
const FILE_UID = 'plugin::upload.file';

interface FileRow {
  id: number;
  url: string;
  name: string;
  alternativeText: string | null;
}

describe('the skeleton flow: upload → presigned URL → provider → alternativeText', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let logs: ReturnType<typeof captureLogs>;

  const fileRow = async (id: number) =>
    (await app.strapi.db.query(FILE_UID).findOne({ where: { id } })) as FileRow;
  const queueIdle = () => app.strapi.plugin('auto-alt-text').service('queue').idle() as Promise<void>;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 100 }] });
    app = await bootPlayground({
      env: {
        ALT_TEXT_PROVIDER: 'alttextlab',
        ALT_TEXT_API_KEY: API_KEY,
        ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
        ALT_TEXT_PRESIGN_EXPIRES_SECONDS: String(PRESIGN_SECONDS),
      },
    });
    logs = captureLogs(app.strapi);
  });

  afterAll(async () => {
    logs?.restore();
    await app?.stop();
    await emulator?.close();
  });

  // Each test starts with no work in flight from the one before and a fresh emulator.
  beforeEach(async () => {
    await queueIdle();
    emulator.reset();
    // A rejected key pauses the whole queue (by design); each test starts with it running.
    await app.strapi.plugin('auto-alt-text').service('queue').resume();
  });

  test('POST /api/upload returns while the provider is still answering, then the file gets the text written for that exact image', async () => {
    emulator.setFaults({ latencyMs: 2500 });
    const png = await solidPng(64, 56, { r: 220, g: 20, b: 20 });

    const upload = await uploadThroughApi(app, { bytes: png, name: 'red-box.png', mime: 'image/png' });

    expect(upload.status).toBe(201);
    expect(upload.elapsedMs).toBeLessThan(2500);
    const [uploaded] = upload.files;
    await emulator.waitForRequests(1);
    expect((await fileRow(uploaded.id)).alternativeText).toBeNull();

    const expected = await describeImage(png, { lang: 'en', style: 'neutral' });
    const written = await waitFor('alt text to be written', async () => {
      const row = await fileRow(uploaded.id);
      return row.alternativeText ?? undefined;
    });
    expect(written).toBe(expected);
    expect(written).toMatch(/64×56/);
    expect(emulator.account(API_KEY)?.charged).toBe(1);
  });

  test("the upload's job is claimed only once the upload's response has been sent (the job never delays the 201)", async () => {
    const times: { responseSent?: number; claimed?: number } = {};
    // Subscribed after the plugin's own hook: its 'finish' listener fires in the same emit as the plugin's wake, before any claim.
    const unsubscribe = [
      app.strapi.db.lifecycles.subscribe({
        models: [FILE_UID],
        afterCreate() {
          const res = (app.strapi.requestContext.get() as { res?: ServerResponse } | undefined)?.res;
          res?.once('finish', () => (times.responseSent ??= performance.now()));
        },
      }),
      app.strapi.db.lifecycles.subscribe({
        models: ['plugin::auto-alt-text.job'],
        afterUpdateMany(event: { params?: { data?: { status?: unknown } } }) {
          if (event.params?.data?.status === 'running') times.claimed ??= performance.now();
        },
      }),
    ];
    try {
      const upload = await uploadThroughApi(app, { bytes: await solidPng(64, 56, { r: 20, g: 120, b: 20 }), name: 'after-201.png', mime: 'image/png' });
      expect(upload.status).toBe(201);
      await waitFor('the job to be claimed', async () => times.claimed);
      expect(times.responseSent).toBeDefined();
      expect(times.claimed).toBeGreaterThanOrEqual(times.responseSent as number);
      await queueIdle();
    } finally {
      for (const off of unsubscribe) off();
    }
  });

  test('the bucket is private: an unsigned GET of the stored object URL is refused', async () => {
    const png = await solidPng(64, 64, { r: 20, g: 20, b: 220 });
    const { files } = await uploadThroughApi(app, { bytes: png, name: 'blue.png', mime: 'image/png' });
    const stored = await fileRow(files[0].id);

    expect(stored.url).toMatch(new RegExp(`^${process.env.TEST_S3_ENDPOINT}/`));
    expect(stored.url).not.toMatch(/X-Amz-Signature/);
    const unsigned = await fetch(stored.url);
    expect(unsigned.status).toBe(403);
  });

  test('the provider fetched a presigned URL that works once and is refused after it expires', async () => {
    const png = await solidPng(80, 60, { r: 20, g: 160, b: 40 });
    await uploadThroughApi(app, { bytes: png, name: 'green.png', mime: 'image/png' });
    const [request] = await emulator.waitForRequests(1);

    expect(request.imageSource).toBe('url');
    expect(request.imageFetchStatus).toBe(200);
    const presigned = new URL(request.imageUrl as string);
    expect(presigned.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(presigned.searchParams.get('X-Amz-Expires')).toBe(String(PRESIGN_SECONDS));

    const fresh = await fetch(presigned);
    expect(fresh.status).toBe(200);
    // Strapi re-encodes uploads, so compare with the stored object, read with the SDK.
    const key = decodeURIComponent(presigned.pathname).replace(`/${app.s3.bucket}/`, '');
    const stored = await sharedS3Client().send(new GetObjectCommand({ Bucket: app.s3.bucket, Key: key }));
    const storedBytes = Buffer.from(await (stored.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    expect(Buffer.from(await fresh.arrayBuffer()).equals(storedBytes)).toBe(true);
    expect(key.startsWith(`${app.s3.rootPath}/green`)).toBe(true);

    const signedAt = Date.parse(
      (presigned.searchParams.get('X-Amz-Date') as string).replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z')
    );
    await sleep(Math.max(0, signedAt + PRESIGN_SECONDS * 1000 + 1500 - Date.now()));
    const expired = await fetch(presigned);
    expect(expired.status).toBe(403);
  });

  test('a PDF upload never reaches the provider', async () => {
    const pdf = await uploadThroughApi(app, { bytes: tinyPdf(), name: 'report.pdf', mime: 'application/pdf' });
    expect(pdf.status).toBe(201);
    // An image uploaded after the PDF proves the queue ran: only the image is sent.
    const png = await solidPng(60, 60, { r: 240, g: 240, b: 20 });
    const image = await uploadThroughApi(app, { bytes: png, name: 'after-pdf.png', mime: 'image/png' });
    await waitFor('the image to get alt text', async () => (await fileRow(image.files[0].id)).alternativeText ?? undefined);
    await queueIdle();

    expect(emulator.requests).toHaveLength(1);
    expect((await fileRow(pdf.files[0].id)).alternativeText).toBeNull();
  });

  test('a rejected key (401) leaves the upload intact, without alt text, with a logged reason that names the file and not the key', async () => {
    emulator.setFaults({ invalidKey: true });
    const png = await solidPng(50, 50, { r: 120, g: 0, b: 160 });
    const logStart = logs.lines.length;

    const upload = await uploadThroughApi(app, { bytes: png, name: 'purple.png', mime: 'image/png' });
    expect(upload.status).toBe(201);
    const [request] = await emulator.waitForRequests(1);
    expect(request.status).toBe(401);
    await queueIdle();

    const row = await fileRow(upload.files[0].id);
    expect(row.alternativeText).toBeNull();
    expect(row.name).toBe('purple.png');
    const newLines = logs.lines.slice(logStart);
    const reason = newLines.find((line) => line.includes(`file #${row.id}`) && line.includes('INVALID_KEY'));
    expect(reason).toBeDefined();
    expect(logs.lines.join('\n')).not.toContain(API_KEY);
    expect(logs.lines.join('\n')).not.toMatch(/X-Amz-Signature=[0-9a-f]/);
  });

  test('a file added through the upload service (not HTTP) is picked up too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'alt-upload-'));
    try {
      const png = await solidPng(96, 56, { r: 250, g: 140, b: 0 });
      const filepath = path.join(dir, 'orange.png');
      writeFileSync(filepath, png);
      const [created] = (await app.strapi
        .plugin('upload')
        .service('upload')
        .upload({
          data: {},
          files: { filepath, originalFilename: 'orange.png', mimetype: 'image/png', size: png.length },
        })) as FileRow[];

      const written = await waitFor('alt text via the service path', async () => (await fileRow(created.id)).alternativeText ?? undefined);
      expect(written).toBe(await describeImage(png, { lang: 'en', style: 'neutral' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
