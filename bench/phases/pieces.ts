/**
 * (5) What each piece costs on its own, called directly from the plugin's sources: presigning one
 * GetObject URL, signing one plugin URL, and downscaling a 12 MP JPEG for inline delivery.
 */
import { performance } from 'node:perf_hooks';
import { createS3Presigner } from '../../server/src/image-source/s3-presigner';
import type { StoredObject } from '../../server/src/image-source/types';
import { deriveSigningKeys, signedQuery } from '../../server/src/image-source/url-signer';
import { SIGNED_IMAGE_ROUTE } from '../../server/src/utils/plugin-id';
import { encodeInline } from '../../server/src/image-source/inline-encoder';
import type { BenchContext } from '../lib/context';
import { grainyJpeg } from '../lib/images';
import { round, summarize } from '../lib/stats';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';

interface SqliteDb {
  pragma(sql: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): { run(...args: unknown[]): unknown };
  close(): void;
}

/** p50/p95 of one autocommit UPDATE, in the default rollback-journal mode and in WAL mode. */
function sqliteAutocommitWrite(dir: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3') as new (file: string) => SqliteDb;
  mkdirSync(dir, { recursive: true });
  const result: Record<string, { p50: number; p95: number }> = {};
  for (const mode of ['delete', 'wal']) {
    const file = path.join(dir, `${mode}.db`);
    const db = new Database(file);
    db.pragma(`journal_mode = ${mode}`);
    db.exec('create table t (id integer primary key, v text)');
    const insert = db.prepare('insert into t (v) values (?)');
    for (let i = 0; i < 10; i++) insert.run('v');
    const update = db.prepare('update t set v = ? where id = ?');
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      update.run(`v${i}`, (i % 10) + 1);
      times.push(performance.now() - started);
    }
    db.close();
    const s = summarize(times);
    result[mode] = { p50: round(s.p50, 3), p95: round(s.p95, 3) };
  }
  rmSync(dir, { recursive: true, force: true });
  return result;
}

const timeEach = async (n: number, work: (i: number) => unknown): Promise<number[]> => {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  return times;
};

export async function runPieces(ctx: BenchContext) {
  const presignN = ctx.quick ? 500 : 5000;
  const signN = ctx.quick ? 5000 : 50_000;
  const inlineN = ctx.quick ? 3 : 10;

  // Presign: the plugin's presigner built from the same providerOptions the playground uses.
  const presigner = createS3Presigner({
    rootPath: 'bench-pieces',
    s3Options: {
      endpoint: ctx.s3.endpoint,
      region: ctx.s3.region,
      forcePathStyle: true,
      credentials: { accessKeyId: ctx.s3.accessKeyId, secretAccessKey: ctx.s3.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      params: { Bucket: ctx.bucket, ACL: 'private' },
    },
  });
  if (!presigner) throw new Error('no presigner');
  const object: StoredObject = { hash: 'piece', ext: '.png', mime: 'image/png', url: '', width: 1, height: 1, size: 1 };
  // The URL must really open the private object, or the timing would mean nothing.
  await ctx.s3Client.send(new PutObjectCommand({ Bucket: ctx.bucket, Key: 'bench-pieces/piece.png', Body: Buffer.from('x') }));
  const probe = await fetch(await presigner.presign(object, 60));
  const unsigned = await fetch(`${ctx.s3.endpoint}/${ctx.bucket}/bench-pieces/piece.png`);
  if (probe.status !== 200 || unsigned.status !== 403) {
    throw new Error(`presign sanity check failed: signed ${probe.status}, unsigned ${unsigned.status}`);
  }
  await timeEach(500, (i) => presigner.presign({ ...object, hash: `warm-${i}` }, 60));
  const presignStarted = performance.now();
  const presignTimes = await timeEach(presignN, (i) => presigner.presign({ ...object, hash: `obj-${i}` }, 60));
  const presignTotalMs = performance.now() - presignStarted;

  // Plugin-signed URL: HMAC over (file, variant, exp), as the image source builds it.
  const [key] = deriveSigningKeys({ appKeys: ['bench-app-key-1', 'bench-app-key-2'] });
  const build = (i: number) => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    return `https://cms.example.com/api${SIGNED_IMAGE_ROUTE}?${signedQuery(key, { fileId: i + 1, variant: 'original', exp })}`;
  };
  for (let i = 0; i < 5000; i++) build(i);
  const signStarted = performance.now();
  let length = 0;
  for (let i = 0; i < signN; i++) length += build(i).length;
  const signTotalMs = performance.now() - signStarted;

  // Inline: a 12 MP JPEG (4000×3000, photo-like grain) downscaled to the default 2048 px edge.
  const jpeg = await grainyJpeg(4000, 3000);
  const first = await encodeInline(jpeg, { maxEdge: 2048 });
  const inlineTimes = await timeEach(inlineN, () => encodeInline(jpeg, { maxEdge: 2048 }));

  const inline = summarize(inlineTimes);
  const sqliteWrite = sqliteAutocommitWrite(path.join(ctx.logDir, 'fsync-probe'));
  return {
    // Medians: a busy neighbour on a 2-core machine inflates the mean with a few long stalls.
    presignUsPerUrl: round(summarize(presignTimes).p50 * 1000, 1),
    signedUrlUsPerUrl: round((signTotalMs / signN) * 1000, 2),
    inlineDownscale12MpMs: round(inline.p50, 1),
    raw: {
      /** One autocommit UPDATE on a SQLite file next to the apps' databases: what a durable commit costs on this disk. */
      sqliteAutocommitWriteMs: sqliteWrite,
      presign: { n: presignN, totalMs: round(presignTotalMs, 1), meanUs: round((presignTotalMs / presignN) * 1000, 1), p50Us: round(summarize(presignTimes).p50 * 1000, 1), p95Us: round(summarize(presignTimes).p95 * 1000, 1) },
      signedUrl: { n: signN, totalMs: round(signTotalMs, 1), averageUrlChars: Math.round(length / signN) },
      inline: {
        n: inlineN,
        inputBytes: jpeg.length,
        input: '4000×3000 JPEG',
        output: `${first.width}×${first.height} ${first.mime}, ${first.base64.length} base64 chars`,
        p50Ms: round(inline.p50, 1),
        p95Ms: round(inline.p95, 1),
        minMs: round(inline.min, 1),
      },
    },
  };
}
