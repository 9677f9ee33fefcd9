import type { Core } from '@strapi/strapi';

type Level = 'error' | 'warn' | 'info' | 'debug';

/** Records what the app logs (and still logs it), so a test can read the lines a human would. */
export function captureLogs(strapi: Core.Strapi): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const log = strapi.log as unknown as Record<Level, (...args: unknown[]) => unknown>;
  const originals = new Map<Level, (...args: unknown[]) => unknown>();
  for (const level of ['error', 'warn', 'info', 'debug'] as const) {
    const original = log[level];
    originals.set(level, original);
    log[level] = (...args: unknown[]) => {
      lines.push(`${level}: ${args.map(String).join(' ')}`);
      return original.apply(strapi.log, args);
    };
  }
  return {
    lines,
    restore() {
      for (const [level, original] of originals) log[level] = original;
    },
  };
}
