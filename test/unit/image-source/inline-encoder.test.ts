import sharp from 'sharp';
import { encodeInline, InlineImageError } from '../../../server/src/image-source/inline-encoder';
import { animatedGif, dimensionsOf, peakRssDuring, photoJpeg, pngBomb, solidImage, svgDrawing } from './fixtures';

const MAX_EDGE = 2048;

describe('inline images: downscaled, re-encoded when needed, bombs refused', () => {
  test('a 6000×4000 JPEG is sent as a JPEG of at most 2048 px on its longest edge', async () => {
    const original = await photoJpeg(6000, 4000);

    const started = performance.now();
    const inline = await encodeInline(original, { maxEdge: MAX_EDGE });
    const elapsedMs = performance.now() - started;

    expect(inline.mime).toBe('image/jpeg');
    expect(await dimensionsOf(inline.base64)).toMatchObject({ width: 2048, height: 1365, format: 'jpeg' });
    expect(Buffer.from(inline.base64, 'base64').length).toBeLessThan(original.length);
    // Shrink-on-load: a 24 MP JPEG takes well under a second on two cores.
    expect(elapsedMs).toBeLessThan(3000);
  });

  test('a 40000×40000 PNG is refused as too many pixels without decoding it (RSS grows by less than 64 MB)', async () => {
    const bomb = await pngBomb(40000);
    expect(bomb.length).toBeLessThan(1024 * 1024);

    const { error, baseline, peak } = await peakRssDuring(() => encodeInline(bomb, { maxEdge: MAX_EDGE }));

    expect(error).toBeInstanceOf(InlineImageError);
    expect((error as InlineImageError).kind).toBe('too-many-pixels');
    expect((error as Error).message).toMatch(/40000×40000 \(1600 MP\), over the 100 MP inline limit/);
    expect(peak - baseline).toBeLessThan(64 * 1024 * 1024);
  });

  test('a lower pixel limit is honoured', async () => {
    const image = await solidImage(3000, 3000, 'png');
    await expect(encodeInline(image, { maxEdge: 1024, maxInputPixels: 1_000_000 })).rejects.toMatchObject({ kind: 'too-many-pixels' });
  });

  test('an SVG is rasterised to a PNG, rendered at its size when it is big…', async () => {
    const inline = await encodeInline(svgDrawing(1200, 800), { maxEdge: MAX_EDGE });
    expect(inline.mime).toBe('image/png');
    expect(await dimensionsOf(inline.base64)).toMatchObject({ width: 1200, height: 800, format: 'png' });
  });

  test('…at least 512 px when it is an icon, and within the max edge when it declares a huge size', async () => {
    expect(await dimensionsOf((await encodeInline(svgDrawing(24, 24), { maxEdge: MAX_EDGE })).base64)).toMatchObject({ width: 512, height: 512 });
    expect(await dimensionsOf((await encodeInline(svgDrawing(40000, 20000), { maxEdge: MAX_EDGE })).base64)).toMatchObject({
      width: 2048,
      height: 1024,
    });
  });

  test('the rasterised SVG keeps its colours', async () => {
    const inline = await encodeInline(svgDrawing(100, 100, '#1e3cdc'), { maxEdge: MAX_EDGE });
    const { channels } = await sharp(Buffer.from(inline.base64, 'base64')).stats();
    expect(channels.slice(0, 3).map((channel) => Math.round(channel.mean))).toEqual([30, 60, 220]);
  });

  test('an animated GIF is sent as its first frame only, as a PNG', async () => {
    const inline = await encodeInline(await animatedGif(40, 30), { maxEdge: MAX_EDGE });
    expect(inline.mime).toBe('image/png');
    expect(await dimensionsOf(inline.base64)).toMatchObject({ width: 40, height: 30, format: 'png', pages: 1 });
    const { channels } = await sharp(Buffer.from(inline.base64, 'base64')).stats();
    // The red first frame, not the blue second one.
    expect(channels[0].mean).toBeGreaterThan(150);
    expect(channels[2].mean).toBeLessThan(50);
  });

  test('a TIFF is re-encoded as a JPEG', async () => {
    const inline = await encodeInline(await solidImage(300, 200, 'tiff'), { maxEdge: MAX_EDGE });
    expect(inline).toMatchObject({ mime: 'image/jpeg', width: 300, height: 200, reencoded: true });
  });

  test('a small JPEG, PNG or WebP is sent byte for byte', async () => {
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      const bytes = await solidImage(320, 240, format);
      const inline = await encodeInline(bytes, { maxEdge: MAX_EDGE });
      expect(inline).toMatchObject({ mime: `image/${format}`, reencoded: false });
      expect(Buffer.from(inline.base64, 'base64').equals(bytes)).toBe(true);
    }
  });

  test('a JPEG whose EXIF says "rotate" is turned upright before it is sent', async () => {
    const rotated = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#888' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const inline = await encodeInline(rotated, { maxEdge: MAX_EDGE });
    expect(inline).toMatchObject({ width: 200, height: 400, reencoded: true });
  });

  test('bytes that are not an image are refused as undecodable', async () => {
    await expect(encodeInline(Buffer.from('%PDF-1.4 not an image'), { maxEdge: MAX_EDGE })).rejects.toMatchObject({ kind: 'undecodable' });
  });

  test('a truncated JPEG is refused as undecodable, not sent', async () => {
    const jpeg = await photoJpeg(3000, 2000);
    await expect(encodeInline(jpeg.subarray(0, jpeg.length / 3), { maxEdge: MAX_EDGE })).rejects.toMatchObject({ kind: 'undecodable' });
  });
});
