/**
 * A minimal Strapi app of one given version, with this plugin installed from its `npm pack`
 * tarball as a user installs it. The npm install (minutes) is cached per Strapi version and per
 * the plugin's dependency ranges; every run only unpacks the new tarball over the cached copy.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
const PLUGIN_PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};
const TARBALL = 'plugin.tgz';

/** Outside the repository, so a fresh clone on the same machine (CI) reuses the installs. */
export const CACHE_DIR = process.env.COMPAT_CACHE_DIR ?? path.join(tmpdir(), 'auto-alt-text-compat');

export interface CompatApp {
  version: string;
  dir: string;
}

export const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 20 * 60_000) => {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: timeoutMs });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.slice(-6000);
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}) in ${cwd}:\n${output}`);
  }
  return result.stdout;
};

/** A new peer range or dependency must be resolved by npm again: it is part of the cache key. */
const dependencyHash = () =>
  createHash('sha256')
    .update(JSON.stringify([PLUGIN_PACKAGE.dependencies, PLUGIN_PACKAGE.peerDependencies]))
    .digest('hex')
    .slice(0, 10);

const appPackageJson = (version: string) => ({
  name: `auto-alt-text-compat-${version.replace(/\./g, '-')}`,
  private: true,
  version: '0.0.0',
  dependencies: {
    '@strapi/strapi': version,
    'better-sqlite3': '12.6.2',
    react: '^18.3.1',
    'react-dom': '^18.3.1',
    'react-router-dom': '^6.30.3',
    'styled-components': '^6.1.13',
    [PLUGIN_PACKAGE.name]: `file:./${TARBALL}`,
  },
  // Strapi before 5.13 asks for sharp 0.32, whose install downloads libvips from GitHub; one sharp
  // for the app and the plugin keeps the install on the npm registry alone.
  overrides: { sharp: PLUGIN_PACKAGE.dependencies.sharp },
});

const CONFIG_FILES: Record<string, string> = {
  'config/server.js': `module.exports = ({ env }) => ({
  host: '127.0.0.1',
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: { keys: env.array('APP_KEYS') },
  logger: { updates: { enabled: false } },
});
`,
  'config/admin.js': `module.exports = ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET') },
  apiToken: { salt: env('API_TOKEN_SALT') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY') },
  flags: { nps: false, promoteEE: false },
});
`,
  'config/database.js': `const path = require('path');
module.exports = () => ({
  connection: { client: 'sqlite', connection: { filename: path.join(__dirname, '..', '.tmp', 'data.db') }, useNullAsDefault: true },
});
`,
  'config/middlewares.js': `module.exports = ['strapi::logger', 'strapi::errors', 'strapi::security', 'strapi::cors', 'strapi::poweredBy', 'strapi::query', 'strapi::body', 'strapi::session', 'strapi::favicon', 'strapi::public'];
`,
  // The local upload provider: the provider reaches the image through the plugin's signed route.
  'config/plugins.js': `module.exports = ({ env }) => ({
  'auto-alt-text': {
    enabled: true,
    config: {
      provider: 'alttextlab',
      apiKey: env('ALT_TEXT_API_KEY'),
      baseUrl: env('ALT_TEXT_BASE_URL'),
      imageDelivery: 'signed',
    },
  },
});
`,
  'src/index.js': `module.exports = { register() {}, bootstrap() {} };
`,
  'public/robots.txt': '',
};

const writeFiles = (dir: string, files: Record<string, string>) => {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
};

/** The plugin as npm would publish it (dist must be built). */
const pack = (into: string) => {
  const [{ filename }] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', into], ROOT)) as { filename: string }[];
  rmSync(path.join(into, TARBALL), { force: true });
  run('mv', [path.join(into, filename), path.join(into, TARBALL)], into);
};

/**
 * The app of `version`, installed once (npm resolves the plugin's peer ranges against that
 * Strapi: a range that excludes it fails here), then refreshed with this checkout's plugin.
 */
export function prepareApp(version: string, log: (line: string) => void): CompatApp {
  const dir = path.join(CACHE_DIR, `${version}-${dependencyHash()}`);
  // An install for older dependency ranges of this version is 1.4 GB nobody will use again.
  if (existsSync(CACHE_DIR)) {
    for (const name of readdirSync(CACHE_DIR)) {
      if (name.startsWith(`${version}-`) && path.join(CACHE_DIR, name) !== dir) rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
    }
  }
  const installed = path.join(dir, 'node_modules', '.compat-installed');
  mkdirSync(dir, { recursive: true });
  writeFiles(dir, CONFIG_FILES);
  // strapi::favicon is a required middleware and wants a file to serve.
  copyFileSync(path.join(ROOT, 'playground', 'favicon.png'), path.join(dir, 'favicon.png'));
  pack(dir);
  if (!existsSync(installed)) {
    log(`installing Strapi ${version} into ${dir} (cached for later runs)`);
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(appPackageJson(version), null, 2)}\n`);
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], dir);
    writeFileSync(installed, new Date().toISOString());
  } else {
    // What npm does with a file: tarball, without asking the registry again.
    const target = path.join(dir, 'node_modules', PLUGIN_PACKAGE.name);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    run('tar', ['-xzf', path.join(dir, TARBALL), '-C', target, '--strip-components=1'], dir);
  }
  const actual = (JSON.parse(readFileSync(path.join(dir, 'node_modules/@strapi/strapi/package.json'), 'utf8')) as { version: string }).version;
  if (actual !== version) throw new Error(`the app in ${dir} has @strapi/strapi ${actual}, not ${version}`);
  // Every run starts from an empty database and upload folder.
  rmSync(path.join(dir, '.tmp'), { recursive: true, force: true });
  rmSync(path.join(dir, 'public', 'uploads'), { recursive: true, force: true });
  mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  return { version, dir };
}
