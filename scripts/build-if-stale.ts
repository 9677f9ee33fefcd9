/**
 * Builds what `npm run demo` and the browser tests load, only when a source is newer than the
 * build: the plugin (`strapi-plugin build` → dist/) and the playground's admin panel and config
 * (`strapi build` → playground/dist). A cross-process lock keeps parallel jest workers and a demo
 * from running two builds into the same directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const PLAYGROUND = path.join(ROOT, 'playground');
export const STRAPI_BIN = path.join(ROOT, 'node_modules', '.bin', 'strapi');
const PLUGIN_BIN = path.join(ROOT, 'node_modules', '.bin', 'strapi-plugin');
const LOCK = path.join(tmpdir(), 'auto-alt-text-e2e-build.lock');
const LOCK_STALE_MS = 5 * 60_000;

/** Newest modification time under a directory, skipping dependencies and build output. */
const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const full = path.join(dir, entry.name);
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === '.tmp') return latest;
    return Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }, 0);

const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : 0);

const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) => {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${result.status}):\n${(result.stdout + result.stderr).slice(-4000)}`);
  }
};

/** The environment `strapi build` needs to load the playground's config (no services are contacted). */
const buildEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'production',
  STRAPI_TELEMETRY_DISABLED: 'true',
  APP_KEYS: 'build-a,build-b',
  API_TOKEN_SALT: 'build',
  ADMIN_JWT_SECRET: 'build',
  TRANSFER_TOKEN_SALT: 'build',
  JWT_SECRET: 'build',
  ENCRYPTION_KEY: 'build',
});

export const pluginIsStale = () =>
  mtime(path.join(ROOT, 'dist', 'admin', 'index.js')) <
  Math.max(newest(path.join(ROOT, 'server')), newest(path.join(ROOT, 'admin')), newest(path.join(ROOT, 'shared')));

/**
 * The admin bundle depends on the plugin's admin sources, not on dist/admin's timestamp: a plugin
 * rebuilt for a server change leaves the admin bundle as it was, and a 40 s rebuild is skipped.
 */
export const playgroundIsStale = () =>
  mtime(path.join(PLAYGROUND, 'dist', 'build', 'index.html')) <
  Math.max(
    newest(path.join(PLAYGROUND, 'src')),
    newest(path.join(PLAYGROUND, 'config')),
    newest(path.join(ROOT, 'admin')),
    newest(path.join(ROOT, 'shared'))
  );

const withLock = async <T>(work: () => T): Promise<T> => {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() - mtime(LOCK) > LOCK_STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
};

/** Rebuilds the plugin and then the playground admin if stale; returns what was rebuilt. */
export const ensureBuilt = () =>
  withLock(() => {
    const rebuilt: string[] = [];
    const env = buildEnv();
    if (pluginIsStale()) {
      run(PLUGIN_BIN, ['build'], ROOT, env);
      rebuilt.push('plugin');
    }
    if (playgroundIsStale()) {
      mkdirSync(path.join(PLAYGROUND, '.tmp'), { recursive: true });
      run(STRAPI_BIN, ['build'], PLAYGROUND, env);
      rebuilt.push('playground admin');
    }
    return rebuilt;
  });
