/**
 * `npm run demo`: the whole flow offline. Starts a private S3 bucket (radosgw, or s3rver when
 * radosgw is not installed), the provider emulator and the playground Strapi app with the plugin,
 * then creates an admin login. The playground seeds blog posts in en, fr and de with five pictures
 * (playground/src/demo-seed), described in all three locales, each from its locale's post. Upload an
 * image in the Media Library: alt text appears moments later.
 *
 *   --smoke         upload one image through the REST API, wait for its alt text, print it, check the
 *                   seeded posts and their pictures' texts, and exit (what CI runs to prove this command works).
 *   --key-in-admin  start without a key in the environment: paste the emulator's key (printed) in
 *                   Settings → Auto Alt Text, Verify a wrong one, see the queue wait and resume.
 *                   With --smoke: saves the key through the admin API after the first upload.
 *                   The seeded pictures are left undescribed (a Missing alt text run describes them).
 *
 * With ALT_TEXT_API_KEY set (and ALT_TEXT_BASE_URL unset) the real provider is used instead of the
 * emulator — that needs internet access and an account.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { startEmulator, type Emulator } from '../emulator/server';
import { playgroundEnv } from '../test/harness/playground-env';
import { PutBucketCorsCommand } from '@aws-sdk/client-s3';
import { s3ClientFor, startLocalS3, type LocalS3 } from '../test/harness/s3';
import { sqliteDatabase } from '../test/harness/test-database';
import { ensureBuilt, PLAYGROUND, STRAPI_BIN } from './build-if-stale';
import { checkSeed, SEED_LOCALES } from './demo-seed-check';

const PORT = Number(process.env.PORT ?? 1337);
const ADMIN = { email: 'demo@example.com', password: 'Demo-password-1', firstname: 'Demo', lastname: 'Admin' };
const smoke = process.argv.includes('--smoke');
const keyInAdmin = process.argv.includes('--key-in-admin');

const say = (line: string) => console.log(`[demo] ${line}`);

/**
 * The playground seeds blog posts in en, fr and de (playground/src/demo-seed). Against the emulator
 * (free credits) alt text is written in all three locales — 3 credits per picture — and the seed
 * describes its five pictures with one run once their posts exist; server code is left out of
 * `uploadSources` so its uploads do not queue a call before that. With a real provider (credits
 * cost money) or no key yet (--key-in-admin), one locale as the plugin's default, and the pictures
 * wait for a *Missing alt text* run.
 */
const seedEnv = (emulator: Emulator | undefined, keyInAdmin: boolean): NodeJS.ProcessEnv => ({
  PLAYGROUND_SEED: 'demo',
  PLAYGROUND_SEED_DESCRIBE: String(!!emulator && !keyInAdmin),
  ALT_TEXT_UPLOAD_SOURCES: 'admin,api-token,users-permissions,other',
  ...(emulator ? { ALT_TEXT_LOCALES: SEED_LOCALES.join(',') } : {}),
});

const waitForHealth = async (url: string, child: ChildProcess, timeoutMs = 60000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Strapi exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/_health`);
      if (response.status === 204) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Strapi did not answer ${url}/_health within ${timeoutMs} ms`);
};

const registerAdmin = async (url: string): Promise<string> => {
  const response = await fetch(`${url}/admin/register-admin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const body = (await response.json()) as { data?: { token?: string } };
  if (!response.ok || !body.data?.token) throw new Error(`could not create the demo admin (HTTP ${response.status})`);
  return body.data.token;
};

/**
 * Strapi's Media Library loads images with `crossorigin="anonymous"`: the browser then shows an image
 * from another origin (the bucket, through a presigned URL) only if the bucket answers CORS for the
 * admin's origin. Reads only (GET, HEAD); a private bucket in production needs the same rule (README).
 */
const allowAdminReads = async (s3: LocalS3, bucket: string, origins: string[]) => {
  const client = s3ClientFor(s3);
  try {
    await client.send(
      new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: [{ AllowedOrigins: origins, AllowedMethods: ['GET', 'HEAD'], AllowedHeaders: ['*'], MaxAgeSeconds: 3600 }] } })
    );
  } finally {
    client.destroy();
  }
};

/** The browser's view of a thumbnail: its presigned URL fetched with the admin's Origin must come back with CORS allowed. */
const checkThumbnailCors = async (url: string, adminJwt: string) => {
  const media = await fetch(`${url}/auto-alt-text/media?filter=all`, { headers: { Authorization: `Bearer ${adminJwt}` } });
  const [row] = ((await media.json()) as { data: { rows: Array<{ thumbnailUrl: string | null }> } }).data.rows;
  if (!row?.thumbnailUrl) throw new Error('the image list has no thumbnail to load');
  const image = await fetch(row.thumbnailUrl, { headers: { Origin: url } });
  const allowed = image.headers.get('access-control-allow-origin');
  if (image.status !== 200 || (allowed !== url && allowed !== '*')) throw new Error(`a thumbnail fetched from ${url} answered HTTP ${image.status} with Access-Control-Allow-Origin ${allowed ?? '(none)'}`);
  return allowed;
};

/**
 * --key-in-admin --smoke, what a newcomer does by hand: Verify refuses a wrong key; saved anyway, the
 * first upload's job is refused by the provider and the queue pauses (INVALID_KEY); the right key
 * saved and the queue resumed, the upload is described.
 */
const keyInAdminSteps = (url: string, adminJwt: string, key: string) => {
  const admin = (method: string, route: string, body?: unknown) =>
    fetch(`${url}/auto-alt-text${route}`, { method, headers: { Authorization: `Bearer ${adminJwt}`, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const put = async (body: unknown) => {
    const saved = await admin('PUT', '/settings', body);
    if (saved.status !== 200) throw new Error(`saving the settings answered HTTP ${saved.status}: ${await saved.text()}`);
  };
  return {
    async beforeUpload() {
      const before = (await (await admin('GET', '/settings')).json()) as { data: { apiKey: { source: string } } };
      say(`smoke: before a key is saved, the key's source is "${before.data.apiKey.source}"`);
      const wrong = (await (await admin('POST', '/settings/verify', { apiKey: 'demo-wrong-key' })).json()) as { data: { valid: boolean } };
      say(`smoke: Verify with a wrong key: ${wrong.data.valid ? 'valid' : 'refused'}`);
      await put({ apiKey: 'demo-wrong-key' });
    },
    async afterUpload() {
      const deadline = Date.now() + 30000;
      for (;;) {
        const status = (await (await admin('GET', '/status')).json()) as { data: { queue: { paused: boolean; reason?: string } } };
        if (status.data.queue.paused) {
          say(`smoke: with the wrong key saved, the upload paused the queue: ${status.data.queue.reason}`);
          break;
        }
        if (Date.now() > deadline) throw new Error('the queue did not pause on the wrong key within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await put({ apiKey: key });
      await admin('POST', '/queue/resume', {});
      say('smoke: the demo key was saved in Settings and the queue resumed');
    },
  };
};

const createApiToken = async (url: string, adminJwt: string): Promise<string> => {
  const tokenResponse = await fetch(`${url}/admin/api-tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminJwt}` },
    body: JSON.stringify({ name: 'demo-smoke', type: 'full-access', lifespan: null, description: '' }),
  });
  return ((await tokenResponse.json()) as { data: { accessKey: string } }).data.accessKey;
};

/** The smoke check: one upload through the real REST API, then wait for the plugin's write-back. */
const smokeTest = async (url: string, adminJwt: string, token: string, keyToSave?: string) => {
  const steps = keyToSave ? keyInAdminSteps(url, adminJwt, keyToSave) : undefined;
  await steps?.beforeUpload();
  const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: { r: 30, g: 90, b: 200 } } }).png().toBuffer();
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'demo-smoke.png');
  const upload = await fetch(`${url}/api/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  if (upload.status !== 201) throw new Error(`upload failed with HTTP ${upload.status}`);
  const [file] = (await upload.json()) as Array<{ id: number }>;
  if (steps) await steps.afterUpload();
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/api/upload/files/${file.id}`, { headers: { Authorization: `Bearer ${token}` } });
    const row = (await response.json()) as { alternativeText: string | null };
    if (row.alternativeText) return row.alternativeText;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no alt text was written within 30 s');
};

async function main() {
  say('checking builds (the first run builds the plugin and the admin panel, ~1 min)…');
  const rebuilt = await ensureBuilt();
  if (rebuilt.length > 0) say(`built: ${rebuilt.join(', ')}`);

  const s3 = await startLocalS3({ allowFallback: true, log: (line) => say(line) });
  const bucket = 'media';
  await s3.createBucket(bucket);
  await allowAdminReads(s3, bucket, [`http://127.0.0.1:${PORT}`, `http://localhost:${PORT}`]);
  say(`private bucket "${bucket}" on ${s3.kind} at ${s3.endpoint} (CORS: the admin may read its images)`);

  const useRealProvider = !!process.env.ALT_TEXT_API_KEY && !process.env.ALT_TEXT_BASE_URL;
  const demoKey = `demo-${randomBytes(8).toString('hex')}`;
  const emulator = useRealProvider
    ? undefined
    : await startEmulator({ port: Number(process.env.EMULATOR_PORT ?? 0), accounts: [{ key: demoKey, credits: 1000, plan: 'Demo' }] });
  const provider = process.env.ALT_TEXT_PROVIDER ?? 'alttextlab';
  if (emulator) say(`provider emulator at ${emulator.url} (${provider}, 1000 demo credits)`);
  else say(`using the REAL ${provider} API with your ALT_TEXT_API_KEY`);

  const dataDir = path.join(PLAYGROUND, '.tmp');
  mkdirSync(dataDir, { recursive: true });
  // The bucket lives in memory, so the database starts fresh too: no rows pointing at lost objects.
  rmSync(path.join(dataDir, 'demo.db'), { force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(PORT),
    ...playgroundEnv({ s3: { ...s3, bucket }, database: sqliteDatabase(path.join(dataDir, 'demo.db')) }),
    ALT_TEXT_PROVIDER: provider,
    // --key-in-admin: no key in the environment, so the settings page accepts one (an env key locks it).
    ALT_TEXT_API_KEY: keyInAdmin ? '' : emulator ? demoKey : process.env.ALT_TEXT_API_KEY,
    ALT_TEXT_BASE_URL: emulator ? emulator.baseUrls[provider as 'alttextlab'] : process.env.ALT_TEXT_BASE_URL,
  };
  if (provider === 'openai' && emulator && !env.ALT_TEXT_MODEL) env.ALT_TEXT_MODEL = 'emulator-vision';
  Object.assign(env, seedEnv(emulator, keyInAdmin));

  say('starting Strapi…');
  const strapi = spawn(STRAPI_BIN, ['start'], { cwd: PLAYGROUND, env, stdio: smoke ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    strapi.kill('SIGTERM');
    await new Promise((resolve) => (strapi.exitCode !== null ? resolve(undefined) : strapi.once('exit', resolve)));
    await emulator?.close();
    await s3.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    const url = `http://127.0.0.1:${PORT}`;
    await waitForHealth(url, strapi);
    const adminJwt = await registerAdmin(url);
    if (smoke) {
      const token = await createApiToken(url, adminJwt);
      const text = await smokeTest(url, adminJwt, token, keyInAdmin ? demoKey : undefined);
      say(`smoke: an uploaded 120×80 blue PNG got the alt text "${text}"`);
      for (const line of await checkSeed(url, token, { described: env.PLAYGROUND_SEED_DESCRIBE === 'true', emulator })) say(`smoke: ${line}`);
      say(`smoke: its thumbnail loads in the admin (Access-Control-Allow-Origin: ${await checkThumbnailCors(url, adminJwt)})`);
      const favicon = await fetch(`${url}/favicon.ico`);
      say(`smoke: GET /favicon.ico answered ${favicon.status} ${favicon.headers.get('content-type') ?? ''}`);
      await stop(0);
      return;
    }
    say('');
    say(`ready: ${url}/admin`);
    say(`  log in as ${ADMIN.email} / ${ADMIN.password}`);
    say('  Media Library → Add new assets → upload an image, then open it: the alternative text');
    say('  appears a moment later, written from a presigned URL to the private bucket.');
    say('  Content Manager → Blog post: three posts in English, French and German. Their pictures are');
    say(env.PLAYGROUND_SEED_DESCRIBE === 'true'
      ? '  described in each language from that language\'s post: Auto Alt Text → Images, switch the locale.'
      : '  not described yet: Auto Alt Text → Bulk regenerate → Missing alt text only.');
    say(`  A reader in French: ${url}/api/blog-posts?locale=fr&populate=cover`);
    if (keyInAdmin && emulator) {
      say('');
      say('  No key is set: Settings → Auto Alt Text takes one. Paste the demo key');
      say(`    ${demoKey}`);
      say('  and Verify it. To see the queue pause and resume: save "demo-wrong-key" first and upload an');
      say('  image (the provider refuses the key: the queue pauses), then save the demo key and Resume.');
    }
    say('  Ctrl+C stops Strapi, the emulator and the bucket (everything is discarded).');
  } catch (error) {
    console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
  }
}

main().catch((error: unknown) => {
  console.error(`[demo] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
