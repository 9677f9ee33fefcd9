import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

interface PackedFile {
  path: string;
  size: number;
}

/**
 * What `npm publish` would put in the tarball (`npm pack --dry-run`, from the built dist/): the
 * plugin, its README, LICENSE and CHANGELOG — and nothing a user should not download: no tests,
 * no playground or emulator, no sources maps or declarations pointing at this machine, no secret.
 */
describe('the npm package', () => {
  const packed = (): PackedFile[] => {
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return (JSON.parse(output) as Array<{ files: PackedFile[] }>)[0].files;
  };
  let files: PackedFile[];
  beforeAll(() => {
    files = packed();
  });

  test('holds the built plugin, its entry points, README, LICENSE and CHANGELOG', () => {
    const paths = files.map((file) => file.path);
    for (const expected of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'strapi-server.js', 'strapi-admin.js', 'dist/server/index.js', 'dist/server/index.mjs', 'dist/admin/index.js', 'dist/admin/index.mjs']) {
      expect(paths).toContain(expected);
    }
    expect(paths.filter((file) => !file.startsWith('dist/')).sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json', 'strapi-admin.js', 'strapi-server.js']);
  });

  test('holds no test, playground, emulator, bench, source map or environment file', () => {
    const unwanted = files.map((file) => file.path).filter((file) => /(^|\/)(test|tests|playground|emulator|bench|scripts)\/|\.map$|(^|\/)\.env|\.(db|sqlite)$/.test(file));
    expect(unwanted).toEqual([]);
  });

  test('no packed file names this machine\'s paths or carries a key', () => {
    const leaks = files.flatMap((file) => {
      const text = readFileSync(path.join(ROOT, file.path), 'utf8');
      return [
        text.includes(ROOT) ? `${file.path}: the build machine's path ${ROOT}` : null,
        /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) ? `${file.path}: a private key` : null,
        /\b(sk-[A-Za-z0-9]{20,}|AKIA[0-9A-Z]{16})\b/.test(text) ? `${file.path}: something shaped like an API key` : null,
      ].filter((leak): leak is string => leak !== null);
    });
    expect(leaks).toEqual([]);
  });

  test('the LICENSE is the MIT licence package.json names', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { license: string };
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });
});
