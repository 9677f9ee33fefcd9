import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from '@20minutes/s3rver';
import { DUMMY_ACCOUNT } from '@20minutes/s3rver/lib/models/account';
import { randomCredentials } from './credentials';
import { LOCAL_S3_REGION, type HarnessLog, type LocalS3 } from './local-s3';
import { refusesUnsigned } from './unsigned-request-guard';

export interface S3rverOptions {
  /** HTTP port; a free one when omitted. */
  port?: number;
  /** Parent of the instance's fresh temp dir (default: the OS temp dir). */
  dataDir?: string;
  /** Buckets to create before the first request. */
  buckets?: string[];
  log?: HarnessLog;
}

/**
 * Fallback when radosgw is not installed: @20minutes/s3rver in-process, behind a guard that
 * refuses unsigned requests. It verifies SigV4 (header and presigned) and expiry, but has no
 * real ACLs, and it mis-signs bucket-level calls (CreateBucket through the SDK fails), so
 * createBucket() writes the bucket into its store directly, as its configureBuckets option does.
 */
export async function startS3rver(options: S3rverOptions = {}): Promise<LocalS3> {
  const dir = mkdtempSync(join(options.dataDir ?? tmpdir(), 's3rver-'));
  const credentials = randomCredentials();
  // s3rver keeps its keys in one process-wide account: each instance adds its own pair, and the
  // guard admits only that pair, so instances in one process still refuse each other's URLs.
  DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
  const s3rver = new S3rver({ directory: dir, silent: true, vhostBuckets: false });
  const handle = s3rver.callback();
  const server = createServer((request, response) => {
    if (!refusesUnsigned(request, response, credentials.accessKeyId)) handle(request, response);
  });

  const stop = async (): Promise<void> => {
    await closeServer(server);
    s3rver.logger?.close();
    DUMMY_ACCOUNT.revokeAccessKey(credentials.accessKeyId);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await Promise.all((options.buckets ?? []).map((name) => s3rver.store.putBucket(name)));
    const port = await listen(server, options.port ?? 0);
    const endpoint = `http://127.0.0.1:${port}`;
    options.log?.(`s3rver: listening at ${endpoint} (dir ${dir})`);
    return {
      kind: 's3rver',
      endpoint,
      region: LOCAL_S3_REGION,
      ...credentials,
      async createBucket(name) {
        await s3rver.store.putBucket(name);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  // Keep-alive sockets from SDK clients would otherwise hold close() open.
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
