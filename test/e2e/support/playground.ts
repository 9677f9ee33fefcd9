/**
 * The playground app as a real `strapi start` child process serving the built admin panel, on its
 * own port, fresh SQLite file and prefix in the run's shared private bucket (test/harness/test-s3.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { playgroundEnv } from '../../harness/playground-env';
import { freePort } from '../../harness/s3/free-port';
import { createTestDatabase } from '../../harness/test-database';
import { sharedS3 } from '../../harness/test-s3';
import { PLAYGROUND, STRAPI_BIN } from '../../../scripts/build-if-stale';

export interface AdminCredentials {
  email: string;
  password: string;
  firstname: string;
  lastname: string;
}

export const SUPER_ADMIN: AdminCredentials = {
  email: 'e2e-admin@example.com',
  password: 'E2e-password-1',
  firstname: 'Ada',
  lastname: 'Admin',
};

export interface Playground {
  url: string;
  /** JWT of the super admin registered at start. */
  adminJwt: string;
  /** The app's SQLite database file (a test may write rows into it, as an import would). */
  sqliteFile: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const waitForHealth = async (url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`strapi start exited with code ${child.exitCode}:\n${output().slice(-3000)}`);
    try {
      if ((await fetch(`${url}/_health`)).status === 204) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Strapi did not answer ${url}/_health within ${timeoutMs} ms:\n${output().slice(-3000)}`);
};

const registerSuperAdmin = async (url: string): Promise<string> => {
  const response = await fetch(`${url}/admin/register-admin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(SUPER_ADMIN),
  });
  const body = (await response.json()) as { data?: { token?: string } };
  if (!response.ok || !body.data?.token) throw new Error(`register-admin answered HTTP ${response.status}`);
  return body.data.token;
};

/** Starts the built playground with plugin settings from `env` (ALT_TEXT_*). Build it first (build.ts). */
export async function startPlayground(env: Record<string, string>): Promise<Playground> {
  const database = await createTestDatabase('sqlite');
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    ADMIN_RATE_LIMIT: 'false',
    ...playgroundEnv({ s3: { ...sharedS3(), rootPath: `e2e-${randomBytes(4).toString('hex')}` }, database }),
    ...env,
  };
  const child = spawn(STRAPI_BIN, ['start'], { cwd: PLAYGROUND, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await database.drop();
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, output);
    return { url, adminJwt: await registerSuperAdmin(url), sqliteFile: database.name, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
