import { existsSync } from 'node:fs';
import path from 'node:path';
import { startLocalS3, type LocalS3 } from './s3';

const TEST_BUCKET = 'alt-text-tests';

/**
 * One S3 server for the whole integration run (each test file stores under its own prefix), started
 * before any worker so that workers inherit its coordinates through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const built = path.resolve(__dirname, '../../dist/server/index.js');
  if (!existsSync(built)) {
    throw new Error('The plugin is not built (dist/server/index.js missing): run `npm run build` first.');
  }
  const s3 = await startLocalS3({ allowFallback: process.env.CI !== 'true' });
  (globalThis as { __LOCAL_S3__?: LocalS3 }).__LOCAL_S3__ = s3;
  process.env.TEST_S3_KIND = s3.kind;
  process.env.TEST_S3_ENDPOINT = s3.endpoint;
  process.env.TEST_S3_REGION = s3.region;
  process.env.TEST_S3_ACCESS_KEY_ID = s3.accessKeyId;
  process.env.TEST_S3_SECRET_ACCESS_KEY = s3.secretAccessKey;
  // One private bucket; each booted app stores under its own rootPath (see strapi-app.ts).
  await s3.createBucket(TEST_BUCKET);
  process.env.TEST_S3_BUCKET = TEST_BUCKET;
}
