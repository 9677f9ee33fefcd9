import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { spacerHint } from '../../../server/src/alt-text/decorative-detect';
import { mayWriteLocale } from '../../../server/src/alt-text/locale-state';
import { uniformityHint } from '../../../server/src/image-source/uniformity';

describe('decorative detection: spacers from the stored size', () => {
  test.each([
    [1, 1, '1×1 px spacer'],
    [16, 16, '16×16 px spacer'],
    [400, 1, '400×1 px line'],
    [1, 900, '1×900 px line'],
  ])('%i×%i is suggested (%s)', (width, height, hint) => {
    expect(spacerHint({ width, height })).toBe(hint);
  });

  test.each([
    [17, 16],
    [400, 2],
    [1200, 800],
  ])('%i×%i is not a spacer', (width, height) => {
    expect(spacerHint({ width, height })).toBeUndefined();
  });

  test('an unknown size (SVG, an old row) suggests nothing', () => {
    expect(spacerHint({ width: null, height: 10 })).toBeUndefined();
    expect(spacerHint({ width: 0, height: 0 })).toBeUndefined();
  });
});

describe('decorative detection: flat colour from sharp stats', () => {
  test('a solid fill, even as a lossy JPEG, is uniform', async () => {
    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 240, g: 238, b: 230 } } }).jpeg({ quality: 60 }).toBuffer();
    expect(await uniformityHint(jpeg)).toMatch(/^uniform colour, σ \d/);
  });

  test('a photo-like image (noise) and a two-colour image are not', async () => {
    const noise = await sharp(randomBytes(120 * 80 * 3), { raw: { width: 120, height: 80, channels: 3 } }).png().toBuffer();
    const half = await sharp({ create: { width: 100, height: 100, channels: 3, background: { r: 0, g: 0, b: 0 } } })
      .composite([{ input: { create: { width: 50, height: 100, channels: 3, background: { r: 255, g: 255, b: 255 } } }, left: 50, top: 0 }])
      .png()
      .toBuffer();
    expect(await uniformityHint(noise)).toBeUndefined();
    expect(await uniformityHint(half)).toBeUndefined();
  });

  test('bytes sharp cannot read suggest nothing (the image is described as usual)', async () => {
    expect(await uniformityHint(Buffer.from('not an image'))).toBeUndefined();
  });
});

describe('a decorative locale is never written by a job', () => {
  test.each([
    [{ mode: 'fill' as const }],
    [{ mode: 'overwrite' as const }],
    [{ mode: 'fill' as const, reason: 'replace' as const }],
    [{ mode: 'overwrite' as const, reason: 'manual' as const }],
  ])('not by %o', (job) => {
    expect(mayWriteLocale({ text: '', source: 'decorative' }, job)).toBe(false);
    expect(mayWriteLocale({ text: '', source: 'missing' }, job)).toBe(true);
  });
});
