import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareVersions, floorOf } from '../../../scripts/compat/versions';

const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/**
 * The Strapi range the package declares is the one `npm run compat` installs and checks (its floor
 * is the lower bound of peerDependencies["@strapi/strapi"]), and the one the README tells users.
 */
describe('the declared Strapi range', () => {
  const floor = floorOf(pkg.peerDependencies['@strapi/strapi']);

  test('is a caret range from a 5.x release at least as new as the APIs the admin calls (5.44.0: useFetchClient responseType)', () => {
    expect(compareVersions(floor, '5.44.0')).toBeGreaterThanOrEqual(0);
  });

  test('@strapi/utils ships with @strapi/strapi: the same range', () => {
    expect(pkg.peerDependencies['@strapi/utils']).toBe(pkg.peerDependencies['@strapi/strapi']);
  });

  test('the README names the same floor', () => {
    expect(readme).toContain(`**Requires Strapi ${floor} or newer**`);
    expect(readme).toContain(`peerDependencies["@strapi/strapi"]\` (${floor})`);
  });

  test('a range the compat run cannot check is refused', () => {
    expect(floorOf(' ^5.44.0 ')).toBe('5.44.0');
    expect(() => floorOf('^5.0.0 || ^6.0.0')).toThrow(/should read \^5\.N\.M/);
    expect(() => floorOf('>=5.44.0')).toThrow();
  });

  test('versions compare as numbers, not strings', () => {
    expect(['5.9.0', '5.44.0', '5.100.1', '5.44.10', '5.44.2'].sort(compareVersions)).toEqual(['5.9.0', '5.44.0', '5.44.2', '5.44.10', '5.100.1']);
  });
});
