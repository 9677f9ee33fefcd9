/** A running local S3 server that a test or demo owns and must stop. */
export interface LocalS3 {
  kind: 'radosgw' | 's3rver';
  /** Always 127.0.0.1, never localhost: SigV4 signatures cover the Host header. */
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Creates a private bucket (no public ACL). */
  createBucket(name: string): Promise<void>;
  /** Kills only this instance's own processes and removes its files. */
  stop(): Promise<void>;
}

export type HarnessLog = (line: string) => void;

export const LOCAL_S3_REGION = 'us-east-1';
