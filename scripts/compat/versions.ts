/** Which Strapi versions a compat run checks: the declared floor and the newest installable 5.x. */
import { ROOT, run } from './app';

/** `^5.44.0` → `5.44.0`: the floor is the range's own lower bound. */
export const floorOf = (range: string) => {
  const match = /^\^(5\.\d+\.\d+)$/.exec(range.trim());
  if (!match) throw new Error(`peerDependencies["@strapi/strapi"] should read ^5.N.M, not ${range}`);
  return match[1];
};

export const compareVersions = (a: string, b: string) => {
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
  return candidates.sort(compareVersions).at(-1) as string;
};
