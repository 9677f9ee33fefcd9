import { s3ClientFor, type LocalS3 } from './s3';

export type SharedS3 = Pick<LocalS3, 'kind' | 'endpoint' | 'region' | 'accessKeyId' | 'secretAccessKey'> & { bucket: string };

/** The run's shared S3 server and private bucket (started by global-setup), seen from a test worker. */
export const sharedS3 = (): SharedS3 => {
  const endpoint = process.env.TEST_S3_ENDPOINT;
  const bucket = process.env.TEST_S3_BUCKET;
  if (!endpoint || !bucket) {
    throw new Error('TEST_S3_ENDPOINT is not set: run integration tests through `jest --selectProjects integration`');
  }
  return {
    kind: process.env.TEST_S3_KIND as LocalS3['kind'],
    endpoint,
    bucket,
    region: process.env.TEST_S3_REGION ?? 'us-east-1',
    accessKeyId: process.env.TEST_S3_ACCESS_KEY_ID ?? '',
    secretAccessKey: process.env.TEST_S3_SECRET_ACCESS_KEY ?? '',
  };
};

export const sharedS3Client = () => s3ClientFor(sharedS3());
