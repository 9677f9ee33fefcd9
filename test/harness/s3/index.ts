import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { HarnessLog, LocalS3 } from './local-s3';
import { RADOSGW_BINARIES, startRadosgw } from './radosgw';
import { startS3rver } from './s3rver';

export type { HarnessLog, LocalS3 } from './local-s3';
export { s3ClientFor } from './client';
export { startRadosgw } from './radosgw';
export { startS3rver } from './s3rver';

export interface StartLocalS3Options {
  /** Without radosgw, use s3rver (weaker: no real ACLs) instead of failing. Never under CI=true. */
  allowFallback?: boolean;
  log?: HarnessLog;
}

export const RADOSGW_REQUIRED_MESSAGE =
  'radosgw is required under CI=true: apt-get install radosgw ceph-mon ceph-osd';

/** The strongest local S3 available: radosgw, else (outside CI, when allowed) s3rver. */
export async function startLocalS3(options: StartLocalS3Options = {}): Promise<LocalS3> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const missing = missingRadosgwBinaries();
  if (missing.length === 0) return startRadosgw({ log: options.log });

  const why = `radosgw not available (missing: ${missing.join(', ')})`;
  if (process.env.CI === 'true') throw new Error(`${RADOSGW_REQUIRED_MESSAGE} (${why})`);
  if (!options.allowFallback) {
    throw new Error(`${why}: apt-get install radosgw ceph-mon ceph-osd, or pass allowFallback`);
  }
  log(`WARNING: ${why}; falling back to s3rver, which has no real ACLs (unsigned requests are refused by a guard)`);
  return startS3rver({ log: options.log });
}

export function missingRadosgwBinaries(): string[] {
  return RADOSGW_BINARIES.filter((binary) => !isOnPath(binary));
}

function isOnPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, binary), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
