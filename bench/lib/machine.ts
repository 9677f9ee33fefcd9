import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

const pkgVersion = (name: string): string | null => {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
};

const run = (file: string, args: string[]): string | null => {
  try {
    return execFileSync(file, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return null;
  }
};

export function machineInfo() {
  const cpus = os.cpus();
  let osName = `${os.type()} ${os.release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty) osName = `${pretty[1]} (kernel ${os.release()})`;
  } catch {
    // not Linux: keep os.type()
  }
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: osName,
    hostname: os.hostname(),
    loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

export function versions(extra: Record<string, string | null> = {}) {
  const sqlite = (() => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Database = require(require.resolve('better-sqlite3', { paths: [ROOT] })) as new (file: string) => {
        prepare(sql: string): { get(): { v: string } };
        close(): void;
      };
      const db = new Database(':memory:');
      const v = db.prepare('select sqlite_version() as v').get().v;
      db.close();
      return v;
    } catch {
      return null;
    }
  })();
  return {
    plugin: pkgVersion('strapi-plugin-auto-alt-text') ?? (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    gitCommit: run('git', ['rev-parse', '--short', 'HEAD']),
    gitDirty: (run('git', ['status', '--porcelain', '--', 'server', 'playground', 'emulator', 'test/harness']) ?? '') !== '',
    node: process.version,
    strapi: pkgVersion('@strapi/strapi'),
    uploadProviderAwsS3: pkgVersion('@strapi/provider-upload-aws-s3'),
    awsSdkClientS3: pkgVersion('@aws-sdk/client-s3'),
    sharp: pkgVersion('sharp'),
    betterSqlite3: pkgVersion('better-sqlite3'),
    sqlite,
    pg: pkgVersion('pg'),
    mysql2: pkgVersion('mysql2'),
    radosgw: run('radosgw', ['--version'])?.split('\n')[0] ?? null,
    ...extra,
  };
}

/**
 * Starts a window over the machine's CPU pressure (Linux PSI "some": share of time at least one
 * task waited for a CPU). Call the result to close it: null where PSI is not available.
 */
export function cpuPressureWindow(): () => number | null {
  const read = (): number | undefined => {
    try {
      const match = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
      return match ? Number(match[1]) : undefined;
    } catch {
      return undefined;
    }
  };
  const start = read();
  const started = Date.now();
  return () => {
    const end = read();
    if (start === undefined || end === undefined) return null;
    return Math.round(((end - start) / 1000 / Math.max(1, Date.now() - started)) * 1000) / 1000;
  };
}
