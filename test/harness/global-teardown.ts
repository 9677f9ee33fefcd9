import type { LocalS3 } from './s3';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __LOCAL_S3__?: LocalS3 }).__LOCAL_S3__?.stop();
}
