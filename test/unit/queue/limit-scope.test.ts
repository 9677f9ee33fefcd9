import type { Core } from '@strapi/strapi';
import { createProviderLimits, scopeOf } from '../../../server/src/queue/limits';

/** Only what the scope is decided by: the database client Strapi was configured with. */
const appOn = (client: string) => ({ db: { connection: { client: { config: { client } } } } }) as unknown as Core.Strapi;

const config = { concurrency: 2, requestsPerSecond: 2, pollIntervalMs: 1000, leaseSeconds: 60 };

describe('limitScope', () => {
  test.each([
    ['better-sqlite3', 'process'],
    ['sqlite', 'process'],
    ['postgres', 'cluster'],
    ['mysql2', 'cluster'],
  ] as const)("'auto' on %s holds the limits per %s", (client, expected) => {
    expect(scopeOf(appOn(client), 'auto')).toBe(expected);
  });

  test('an explicit scope is kept whatever the database', () => {
    expect(scopeOf(appOn('better-sqlite3'), 'cluster')).toBe('cluster');
    expect(scopeOf(appOn('postgres'), 'process')).toBe('process');
  });

  test('per process: no shared slots (the worker’s own count bounds the calls); across replicas: shared slots', () => {
    const onError = () => undefined;
    expect(createProviderLimits(appOn('better-sqlite3'), { ...config, limitScope: 'auto' }, 'me', onError).slots).toBeUndefined();
    expect(createProviderLimits(appOn('postgres'), { ...config, limitScope: 'auto' }, 'me', onError).slots).toBeDefined();
  });
});
