import { S3Client } from '@aws-sdk/client-s3';
import type { LocalS3 } from './local-s3';

/**
 * An SDK client for a local server. Path-style because there is no DNS for bucket subdomains;
 * checksums only when required because otherwise the SDK streams bodies as aws-chunked,
 * which local servers reject or store mangled.
 */
export function s3ClientFor(s3: Pick<LocalS3, 'endpoint' | 'region' | 'accessKeyId' | 'secretAccessKey'>): S3Client {
  return new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
