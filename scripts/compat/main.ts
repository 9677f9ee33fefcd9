/**
 * `npm run compat`: the plugin on the lowest Strapi it declares (package.json's peer range for
 * @strapi/strapi) and on the newest installable 5.x — each one installed as a minimal app (cached),
 * type-checked against, its admin built with the plugin, booted, and an upload given alt text.
 *
 *   COMPAT_VERSIONS=5.44.0,5.54.0   check these instead (e.g. to see an older version fail)
 *   COMPAT_CACHE_DIR=…              where the installs are kept (default: the OS temp dir)
 *
 * `npm test` runs it in the background next to jest (scripts/compat/alongside.sh). Under CI=true
 * an install that fails is a failure; elsewhere (no registry at hand) that version is skipped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { prepareApp, ROOT, run } from './app';
import { buildAdmin, typecheck, uploadFlow } from './flow';

const ci = process.env.CI === 'true';
const say = (line: string) => console.log(`[compat] ${line}`);

/** `^5.44.0` → `5.44.0`: the floor is the range's own lower bound. */
export const floorOf = (range: string) => {
  const match = /^\^(5\.\d+\.\d+)$/.exec(range.trim());
  if (!match) throw new Error(`peerDependencies["@strapi/strapi"] should read ^5.N.M, not ${range}`);
  return match[1];
};

const compare = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

const published = (name: string) => JSON.parse(run('npm', ['view', name, 'versions', '--json'], ROOT)) as string[];

/**
 * The newest 5.x whose admin, core and upload packages are published too: the registry can carry
 * an @strapi/strapi a day before the packages it pins (5.55.1 was one), and that one cannot install.
 */
export const newestInstallable = () => {
  const parts = ['@strapi/admin', '@strapi/core', '@strapi/upload'].map((name) => new Set(published(name)));
  const candidates = published('@strapi/strapi').filter((v) => /^5\.\d+\.\d+$/.test(v) && parts.every((set) => set.has(v)));
  if (candidates.length === 0) throw new Error('no installable @strapi/strapi 5.x found');
  return candidates.sort(compare).at(-1) as string;
};

const timed = async <T>(what: string, step: () => T | Promise<T>): Promise<T> => {
  const started = Date.now();
  const value = await step();
  say(`  ${what}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return value;
};

async function checkVersion(version: string): Promise<'ok' | 'skipped'> {
  say(`Strapi ${version}`);
  let app;
  try {
    app = await timed('install (cached after the first run)', () => prepareApp(version, say));
  } catch (error) {
    if (ci) throw error;
    say(`  SKIPPED: could not install Strapi ${version} (${(error as Error).message.split('\n')[0]}); under CI=true this fails`);
    return 'skipped';
  }
  await timed('type-check admin and server against its types', () => typecheck(app));
  await timed('strapi build (admin panel with the plugin)', () => buildAdmin(app));
  const text = await timed('boot, upload through the admin, alt text written', () => uploadFlow(app, say));
  say(`  alternativeText: ${JSON.stringify(text)}`);
  return 'ok';
}

async function main() {
  const started = Date.now();
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
  let versions = process.env.COMPAT_VERSIONS?.split(',').map((v) => v.trim()).filter(Boolean);
  if (!versions) {
    const floor = floorOf(pkg.peerDependencies['@strapi/strapi']);
    let newest: string | undefined;
    try {
      newest = newestInstallable();
    } catch (error) {
      if (ci) throw error;
      say(`the registry did not answer (${(error as Error).message.split('\n')[0]}): only the floor is checked`);
    }
    versions = [...new Set([floor, ...(newest ? [newest] : [])])];
  }
  const results: string[] = [];
  for (const version of versions) results.push(`${version} ${await checkVersion(version)}`);
  say(`done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${results.join(', ')}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    say(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
