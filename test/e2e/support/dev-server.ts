/**
 * For working on the admin by hand: the same stack the browser tests use (private bucket, emulator,
 * built playground), left running. `node -r @swc-node/register test/e2e/support/dev-server.ts`
 */
import { startEmulator } from '../../../emulator/server';
import { startLocalS3 } from '../../harness/s3';
import { ensureBuilt } from '../../../scripts/build-if-stale';
import { E2E_KEY, pluginEnvFor } from './stack';
import { startPlayground, SUPER_ADMIN } from './playground';

async function main() {
  const s3 = await startLocalS3({ allowFallback: true });
  await s3.createBucket('alt-text-tests');
  Object.assign(process.env, {
    TEST_S3_KIND: s3.kind,
    TEST_S3_ENDPOINT: s3.endpoint,
    TEST_S3_REGION: s3.region,
    TEST_S3_ACCESS_KEY_ID: s3.accessKeyId,
    TEST_S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    TEST_S3_BUCKET: 'alt-text-tests',
  });
  console.log('built:', (await ensureBuilt()).join(', ') || 'nothing stale');
  const emulator = await startEmulator({ accounts: [{ key: E2E_KEY, credits: 500, plan: 'Pro' }] });
  const app = await startPlayground(pluginEnvFor(emulator));
  console.log(JSON.stringify({ url: app.url, jwt: app.adminJwt, emulator: emulator.url, key: E2E_KEY, login: SUPER_ADMIN }));
  const stop = async () => {
    await app.stop();
    await emulator.close();
    await s3.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
