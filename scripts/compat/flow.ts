/**
 * What a compat run proves on one Strapi version: the plugin's admin builds into that version's
 * admin panel, its sources type-check against that version's types (a hook or option Strapi does
 * not have yet fails here, not in an editor's browser), and the app boots with the plugin: an
 * image uploaded through the admin gets the provider's alt text, fetched through the signed route.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { startEmulator } from '../../emulator/server';
import { describeImage } from '../../emulator/describe';
import { newAppSecrets } from '../../test/harness/playground-env';
import { solidPng } from '../../test/support/images';
import { ROOT, run, type CompatApp } from './app';

const API_KEY = 'compat-key';
const ADMIN = { email: 'compat@example.com', password: 'Compat-check-1', firstname: 'Compat', lastname: 'Check' };

const appEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
  ...process.env,
  ...newAppSecrets(),
  NODE_ENV: 'production',
  STRAPI_TELEMETRY_DISABLED: 'true',
  ...extra,
});

export const buildAdmin = (app: CompatApp) => run(path.join(app.dir, 'node_modules/.bin/strapi'), ['build'], app.dir, appEnv({}));

/**
 * tsc over admin/, server/ and shared/ seen from the app's node_modules: symlinks with
 * preserveSymlinks, so every import resolves to that version's packages.
 */
export function typecheck(app: CompatApp) {
  const dir = path.join(app.dir, 'typecheck');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  for (const part of ['admin', 'server', 'shared']) symlinkSync(path.join(ROOT, part), path.join(dir, part));
  symlinkSync(path.join(app.dir, 'node_modules'), path.join(dir, 'node_modules'));
  const common = { strict: true, noEmit: true, skipLibCheck: true, esModuleInterop: true, resolveJsonModule: true, preserveSymlinks: true };
  const configs = {
    'tsconfig.admin.json': {
      compilerOptions: { ...common, target: 'ESNext', module: 'ESNext', moduleResolution: 'Bundler', lib: ['DOM', 'DOM.Iterable', 'ESNext'], jsx: 'react-jsx', types: [] },
      include: ['admin/src', 'shared'],
    },
    'tsconfig.server.json': {
      // @types/node comes from the repository: the app has no reason to install it.
      compilerOptions: { ...common, target: 'ES2022', module: 'CommonJS', moduleResolution: 'Node', lib: ['ES2022'], types: ['node'], typeRoots: [path.join(ROOT, 'node_modules/@types')] },
      include: ['server/src', 'shared'],
      exclude: ['**/*.test.ts'],
    },
  };
  const tsc = path.join(ROOT, 'node_modules/.bin/tsc');
  for (const [name, config] of Object.entries(configs)) {
    writeFileSync(path.join(dir, name), JSON.stringify(config, null, 2));
    run(tsc, ['-p', name], dir);
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const poll = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

const json = async (response: Response, what: string) => {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${(await response.text()).slice(0, 500)}`);
  return (await response.json()) as Record<string, unknown>;
};

/** `strapi start`, an admin, one upload through the admin's route; resolves with the text written. */
export async function uploadFlow(app: CompatApp, log: (line: string) => void): Promise<string> {
  const emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 10 }] });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(app.dir, 'strapi.log');
  const out = openSync(logFile, 'w');
  const child = spawn(path.join(app.dir, 'node_modules/.bin/strapi'), ['start'], {
    cwd: app.dir,
    env: appEnv({ PORT: String(port), PUBLIC_URL: url, ALT_TEXT_API_KEY: API_KEY, ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab }),
    stdio: ['ignore', out, out],
  });
  try {
    await poll('Strapi to answer /_health', async () => {
      if (child.exitCode !== null) throw new Error(`strapi start exited with code ${child.exitCode}: see ${logFile}`);
      return (await fetch(`${url}/_health`)).status === 204 ? true : undefined;
    }, 120_000).catch((error: Error) => {
      throw child.exitCode !== null ? new Error(`strapi start exited with code ${child.exitCode}: see ${logFile}`) : error;
    });
    log(`Strapi ${app.version} answers on ${url}`);

    const registered = await json(
      await fetch(`${url}/admin/register-admin`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN) }),
      'register the first admin'
    );
    const data = registered.data as { token?: string; accessToken?: string };
    const jwt = data.token ?? data.accessToken;
    if (!jwt) throw new Error('register-admin answered no token');
    const auth = { Authorization: `Bearer ${jwt}` };

    // The plugin's admin API is mounted and its permissions registered (the super admin has them all).
    await json(await fetch(`${url}/auto-alt-text/status`, { headers: auth }), 'GET /auto-alt-text/status');

    const png = await solidPng(80, 60, { r: 30, g: 120, b: 200 });
    const form = new FormData();
    form.append('files', new Blob([png], { type: 'image/png' }), 'compat-blue.png');
    const uploadResponse = await fetch(`${url}/upload`, { method: 'POST', headers: auth, body: form });
    if (uploadResponse.status !== 201 && uploadResponse.status !== 200) {
      throw new Error(`POST /upload: HTTP ${uploadResponse.status} ${(await uploadResponse.text()).slice(0, 500)}`);
    }
    const uploaded = (await uploadResponse.json()) as { id: number }[] | { data: { id: number }[] };
    const [file] = Array.isArray(uploaded) ? uploaded : uploaded.data;

    const written = await poll('the alt text to be written', async () => {
      const row = (await json(await fetch(`${url}/upload/files/${file.id}`, { headers: auth }), 'GET /upload/files/:id')) as {
        alternativeText?: string | null;
        data?: { alternativeText?: string | null };
      };
      return (row.alternativeText ?? row.data?.alternativeText) || undefined;
    }, 30_000);

    const expected = await describeImage(png, { lang: 'en', style: 'neutral' });
    if (written !== expected) throw new Error(`alternativeText is ${JSON.stringify(written)}, the provider answered ${JSON.stringify(expected)}`);
    // Exactly one paid call, and the provider fetched the image itself (no inline bytes).
    if (emulator.requests.length !== 1) throw new Error(`the provider was called ${emulator.requests.length} times, expected 1`);
    const [call] = emulator.requests;
    if (call.imageSource !== 'url' || call.imageFetchStatus !== 200 || !call.imageUrl?.startsWith(`${url}/api/auto-alt-text/image?`)) {
      throw new Error(`the provider did not fetch the image through the signed route (${call.imageSource}, fetch status ${call.imageFetchStatus})`);
    }
    return written;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    await emulator.close();
  }
}
