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
import { prepareApp, ROOT } from './app';
import { buildAdmin, typecheck, uploadFlow } from './flow';
import { floorOf, newestInstallable } from './versions';

const ci = process.env.CI === 'true';
const say = (line: string) => console.log(`[compat] ${line}`);

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
