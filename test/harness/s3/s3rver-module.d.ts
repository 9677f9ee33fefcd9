// @20minutes/s3rver ships no types; only the parts the harness uses are declared.
declare module '@20minutes/s3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface S3rverOptions {
    directory?: string;
    silent?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string }[];
  }

  class S3rver {
    constructor(options?: S3rverOptions);
    store: { putBucket(name: string): Promise<unknown> };
    logger?: { close(): void };
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }

  export = S3rver;
}

declare module '@20minutes/s3rver/lib/models/account' {
  interface AWSAccount {
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
    revokeAccessKey(accessKeyId: string): void;
  }
  export const DUMMY_ACCOUNT: AWSAccount;
}
