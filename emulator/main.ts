// CLI entry for the demo: `node -r @swc-node/register emulator/main.ts`.
// PORT (4010), HOST (127.0.0.1), EMULATOR_ACCOUNTS ("demo-key:1000,other:5"),
// EMULATOR_FETCH_TIMEOUT_MS (10000). Logs one line per request, never keys or query strings.

import type { AccountInput } from './types';
import { startEmulator } from './server';

/** Parses "key:credits[:plan],…"; throws on a malformed entry so a typo is not silently ignored. */
export function parseAccounts(spec: string): AccountInput[] {
  return spec
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [key, credits, plan] = entry.split(':');
      const count = Number(credits);
      if (!key || !Number.isInteger(count) || count < 0) {
        throw new Error('EMULATOR_ACCOUNTS entries must look like key:credits or key:credits:plan');
      }
      return { key, credits: count, plan: plan || undefined };
    });
}

function integerFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
  return value;
}

async function main(): Promise<void> {
  const accounts = parseAccounts(process.env.EMULATOR_ACCOUNTS ?? 'demo-key:1000');
  const emulator = await startEmulator({
    port: integerFromEnv('PORT', 4010),
    host: process.env.HOST || '127.0.0.1',
    accounts,
    fetchTimeoutMs: integerFromEnv('EMULATOR_FETCH_TIMEOUT_MS', 10_000),
    log: (line) => console.log(`[emulator] ${line}`),
  });
  console.log(`[emulator] listening on ${emulator.url} with ${accounts.length} account(s)`);
  for (const [provider, baseUrl] of Object.entries(emulator.baseUrls)) {
    console.log(`[emulator]   ${provider.padEnd(10)} ${baseUrl}`);
  }

  const stop = (signal: NodeJS.Signals): void => {
    console.log(`[emulator] ${signal}: closing`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`[emulator] failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
