import { createDeflate } from 'node:zlib';
import sharp from 'sharp';

/**
 * Images for delivery tests, made on the fly. Shared with the integration tests of image delivery
 * (test/integration/image-delivery.test.ts, signed-route.test.ts).
 */

/** A photo-like JPEG: noise, so it does not compress to nothing and downscaling has work to do. */
export const photoJpeg = (width: number, height: number): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: { r: 90, g: 140, b: 200 }, noise: { type: 'gaussian', mean: 120, sigma: 40 } } })
    .jpeg({ quality: 80 })
    .toBuffer();

export const solidImage = (width: number, height: number, format: 'png' | 'jpeg' | 'tiff' | 'webp', rgb = { r: 30, g: 60, b: 220 }) =>
  sharp({ create: { width, height, channels: 3, background: rgb } }).toFormat(format).toBuffer();

/** A vector drawing whose declared size is `width`×`height`. */
export const svgDrawing = (width: number, height: number, fill = '#dc1e1e'): Buffer =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
      `<rect width="${width}" height="${height}" fill="${fill}"/></svg>`
  );

/** A two-frame animated GIF: a red frame, then a blue one. */
export const animatedGif = async (width: number, height: number): Promise<Buffer> => {
  const frame = (r: number, b: number) =>
    sharp({ create: { width, height, channels: 3, background: { r, g: 0, b } } }).png().toBuffer();
  return sharp([await frame(220, 0), await frame(0, 220)], { join: { animated: true } }).gif({ delay: [100, 100] }).toBuffer();
};

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/**
 * A real decompression bomb: a valid 1-bit greyscale PNG of `size`×`size` pixels whose every row
 * is zeros. A few hundred KB on disk, `size²` bytes (1.6 GB for 40000) once decoded to 8 bits.
 * Built row by row so the test process itself never holds the raw image.
 */
export const pngBomb = async (size: number): Promise<Buffer> => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(1, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  const row = Buffer.alloc(1 + Math.ceil(size / 8)); // filter byte 0 + packed pixels
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (data: Buffer) => out.push(data));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  const rowsPerWrite = 256;
  const block = Buffer.concat(Array.from({ length: rowsPerWrite }, () => row));
  for (let written = 0; written < size; written += rowsPerWrite) {
    const rows = Math.min(rowsPerWrite, size - written);
    const ok = deflate.write(rows === rowsPerWrite ? block : block.subarray(0, rows * row.length));
    if (!ok) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', Buffer.concat(out)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

/** Decoded size of a base64 image, read from its header. */
export const dimensionsOf = async (base64: string) => {
  const metadata = await sharp(Buffer.from(base64, 'base64')).metadata();
  return { width: metadata.width, height: metadata.height, format: metadata.format, pages: metadata.pages ?? 1 };
};

/** Samples peak RSS while `work` runs (every 2 ms), so a short spike is not missed between reads. */
export const peakRssDuring = async <T>(work: () => Promise<T>): Promise<{ result: T | undefined; error: unknown; baseline: number; peak: number }> => {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    const result = await work();
    return { result, error: undefined, baseline, peak: Math.max(peak, process.memoryUsage.rss()) };
  } catch (error) {
    return { result: undefined, error, baseline, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
};


