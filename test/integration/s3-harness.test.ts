import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { missingRadosgwBinaries, s3ClientFor, startRadosgw, startS3rver, type LocalS3 } from '../harness/s3';

// Under CI a missing radosgw must fail loudly, never turn into a silent skip.
const radosgwMissing = missingRadosgwBinaries().length > 0 && process.env.CI !== 'true';
const describeWithRadosgw = radosgwMissing ? describe.skip : describe;

const BUCKET = 'private-media';
const KEY = 'uploads/cat.png';
const BYTES = Buffer.from('not really a png, but exact bytes matter');

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const presignedGet = (client: S3Client, expiresIn = 60): Promise<string> =>
  getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: KEY }), { expiresIn });

/** Replaces the last hex digit of X-Amz-Signature, keeping everything else intact. */
function tamperSignature(url: string): string {
  const parsed = new URL(url);
  const signature = parsed.searchParams.get('X-Amz-Signature') ?? '';
  const lastDigit = signature.at(-1) === '0' ? '1' : '0';
  parsed.searchParams.set('X-Amz-Signature', signature.slice(0, -1) + lastDigit);
  return parsed.toString();
}

/** The five facts the plugin relies on: only a valid, unexpired signature opens a private object. */
function behavesLikeAPrivateBucket(start: () => Promise<LocalS3>, kind: LocalS3['kind']): () => LocalS3 {
  let s3: LocalS3;
  let client: S3Client;

  beforeAll(async () => {
    s3 = await start();
    client = s3ClientFor(s3);
    await s3.createBucket(BUCKET);
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: BYTES, ContentType: 'image/png' }));
  });

  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
  });

  it(`is ${kind}, listening on 127.0.0.1 because signatures are bound to the host name`, () => {
    expect(s3.kind).toBe(kind);
    expect(s3.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the exact bytes for a valid presigned URL', async () => {
    const response = await fetch(await presignedGet(client));
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(BYTES);
  });

  it('refuses an unsigned GET of the object, because the bucket is private', async () => {
    const response = await fetch(`${s3.endpoint}/${BUCKET}/${KEY}`);
    expect(response.status).toBe(403);
  });

  it('refuses a presigned URL whose signature was tampered with', async () => {
    const response = await fetch(tamperSignature(await presignedGet(client)));
    expect(response.status).toBe(403);
  });

  it('refuses a presigned URL once it has expired', async () => {
    const url = await presignedGet(client, 1);
    await sleep(2_100);
    const response = await fetch(url);
    expect(response.status).toBe(403);
  });

  it('refuses a URL signed with the wrong secret', async () => {
    const impostor = s3ClientFor({ ...s3, secretAccessKey: `${s3.secretAccessKey}x` });
    try {
      const response = await fetch(await presignedGet(impostor));
      expect(response.status).toBe(403);
    } finally {
      impostor.destroy();
    }
  });

  return () => s3;
}

describeWithRadosgw('a local radosgw started by the harness', () => {
  const first = behavesLikeAPrivateBucket(() => startRadosgw(), 'radosgw');

  it('runs a second instance at the same time, on its own port with its own keys', async () => {
    const second = await startRadosgw();
    const firstClient = s3ClientFor(first());
    const secondClient = s3ClientFor(second);
    try {
      expect(second.endpoint).not.toBe(first().endpoint);
      expect(second.accessKeyId).not.toBe(first().accessKeyId);

      await second.createBucket(BUCKET);
      await secondClient.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: Buffer.from('second') }));
      const fromSecond = await fetch(await presignedGet(secondClient));
      const fromFirst = await fetch(await presignedGet(firstClient));

      expect(await fromSecond.text()).toBe('second');
      expect(Buffer.from(await fromFirst.arrayBuffer())).toEqual(BYTES);
    } finally {
      firstClient.destroy();
      secondClient.destroy();
      await second.stop();
    }
  });
});

describe('the s3rver fallback started by the harness', () => {
  const first = behavesLikeAPrivateBucket(() => startS3rver(), 's3rver');

  it("refuses a URL signed with another instance's keys", async () => {
    const other = await startS3rver({ buckets: [BUCKET] });
    const otherClient = s3ClientFor({ ...other, endpoint: first().endpoint });
    try {
      const response = await fetch(await presignedGet(otherClient));
      expect(response.status).toBe(403);
    } finally {
      otherClient.destroy();
      await other.stop();
    }
  });
});
