/**
 * (4) The plugin's admin GET routes that its page calls on load, timed with the scale run's rows in
 * place (after the enqueue: the files table and the jobs table both hold every row): N requests of
 * each, one at a time, from the bench process with a super admin's JWT; p50 and p95 of each.
 */
import { performance } from 'node:perf_hooks';
import { percentile, round } from '../lib/stats';

/**
 * What the dashboard asks for: `status` (queue state, the coverage counts in every locale, job
 * counts, the latest run), the media list's first page (filter "All images", then "Missing alt
 * text", then a search by name, as its filter and search box send them), failures, runs and
 * spending. `credits` is left out: it asks the provider, not the database.
 */
export const ADMIN_ROUTES = {
  status: '/auto-alt-text/status',
  mediaList: '/auto-alt-text/media?page=1&pageSize=20&filter=all',
  mediaMissing: '/auto-alt-text/media?page=1&pageSize=20&filter=missing',
  mediaSearch: '/auto-alt-text/media?page=1&pageSize=20&filter=all&search=scale-4242',
  failures: '/auto-alt-text/failures?page=1&pageSize=20',
  runs: '/auto-alt-text/runs',
  spending: '/auto-alt-text/spending?days=30',
} as const;

export type AdminRoute = keyof typeof ADMIN_ROUTES;
export interface RouteTiming {
  /** The first request: the one that counts when the admin's counts are snapshots (server/src/utils/count-snapshots.ts). */
  first: number;
  p50: number;
  p95: number;
  max: number;
}

export async function timeAdminRoutes(baseUrl: string, token: string, requests: number): Promise<Record<AdminRoute, RouteTiming>> {
  const timings = {} as Record<AdminRoute, RouteTiming>;
  for (const [name, path] of Object.entries(ADMIN_ROUTES) as Array<[AdminRoute, string]>) {
    const ms: number[] = [];
    for (let i = 0; i < requests; i++) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      ms.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
    }
    timings[name] = { first: round(ms[0], 1), p50: round(percentile(ms, 50), 1), p95: round(percentile(ms, 95), 1), max: round(Math.max(...ms), 1) };
  }
  return timings;
}
