/**
 * Summarises a V8 .cpuprofile (from `npm run bench -- --profile`): self time by package and the
 * top functions, so "where does the Strapi process spend a bulk run" has an answer.
 *   node -r @swc-node/register bench/lib/profile-summary.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const packageOf = (url: string): string => {
  if (!url) return '(native/idle/gc)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes('/dist/server/')) return 'auto-alt-text plugin (dist)';
  if (url.startsWith('node:')) return 'node core';
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
};

export function summarizeProfile(file: string, top = 25) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)' ? functionName : packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${packageOf(url)}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const pct = (us: number) => Math.round((us / total) * 1000) / 10;
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${String(pct(v)).padStart(5)}%  ${k}`);
  return { seconds: total / 1e6, byPackage: sorted(byPackage), byFunction: sorted(byFunction) };
}

if (require.main === module) {
  const summary = summarizeProfile(process.argv[2], Number(process.argv[3] ?? 25));
  console.log(`sampled ${summary.seconds.toFixed(1)} s\n\nself time by package:\n${summary.byPackage.join('\n')}\n\ntop functions:\n${summary.byFunction.join('\n')}`);
}
