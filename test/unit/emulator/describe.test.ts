import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describeImage, ImageDecodeError, MAX_INPUT_PIXELS } from '../../../emulator/describe';
import { solidPng, twoColourPng } from './helpers';

/** A valid PNG whose header claims `width`×`height`: enough for a decoder to size it up. */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await solidPng(1, 1, '#000000'));
  // IHDR data starts after the 8-byte signature, 4-byte length and 4-byte type.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)) >>> 0, 29);
  return png;
}

describe('describeImage', () => {
  it('names the size and the dominant colour with its exact hex', async () => {
    const text = await describeImage(await solidPng(64, 48, '#d01818'), {});

    expect(text).toBe('A 64×48 image dominated by red (#d01818)');
  });

  it('tells apart images that differ only in colour or only in size', async () => {
    const texts = await Promise.all([
      describeImage(await solidPng(10, 10, '#1e3cdc'), {}),
      describeImage(await solidPng(10, 10, '#28aa28'), {}),
      describeImage(await solidPng(11, 10, '#28aa28'), {}),
    ]);

    expect(new Set(texts).size).toBe(3);
  });

  it('describes a 1×1 image', async () => {
    await expect(describeImage(await solidPng(1, 1, '#ffffff'), {})).resolves.toBe(
      'A 1×1 image dominated by white (#ffffff)',
    );
  });

  it('picks the colour covering most of the picture and, in descriptive style, the runner-up', async () => {
    const image = await twoColourPng(100, 40, '#1830d0', '#fac81e', 0.75);

    const neutral = await describeImage(image, {});
    const descriptive = await describeImage(image, { style: 'descriptive' });

    expect(neutral).toBe('A 100×40 image dominated by blue (#1830d0)');
    expect(descriptive).toBe(
      'A 100×40 PNG image dominated by blue (#1830d0), covering about 75% of the picture, with areas of yellow (#fac81e)',
    );
  });

  it('makes minimal shorter than neutral, and descriptive the longest', async () => {
    const image = await solidPng(30, 20, '#ff8c00');

    const [minimal, matterOfFact, neutral, descriptive] = await Promise.all(
      ['minimal', 'matter-of-fact', 'neutral', 'descriptive'].map((style) => describeImage(image, { style })),
    );

    expect(minimal).toBe('Orange 30×20 image');
    expect(matterOfFact).toBe('30×20 PNG image, mostly orange (#ff8c00)');
    expect(minimal.length).toBeLessThan(neutral.length);
    expect(descriptive.length).toBeGreaterThan(neutral.length);
  });

  it('marks a non-English language and leaves English variants unmarked', async () => {
    const image = await solidPng(4, 4, '#000000');

    expect(await describeImage(image, { lang: 'zh-Hans' })).toMatch(/^\[zh-hans\] A 4×4 image/);
    expect(await describeImage(image, { lang: 'en-GB' })).toMatch(/^A 4×4 image/);
  });

  it('mentions keywords except in minimal style', async () => {
    const image = await solidPng(4, 4, '#000000');

    expect(await describeImage(image, { keywords: ['sneaker', 'leather'] })).toContain('; keywords: sneaker, leather');
    expect(await describeImage(image, { keywords: ['sneaker'], style: 'minimal' })).not.toContain('sneaker');
  });

  it('names the entry, the keywords and the product facts it was given, in that order, except in minimal style', async () => {
    const image = await solidPng(4, 4, '#000000');
    const hints = {
      usedOn: { type: 'Product', title: 'Trail Runner 2' },
      keywords: ['running shoe'],
      ecommerce: { product: 'Trail Runner 2', brand: 'Acme', color: '', material: 'mesh' },
    };

    expect(await describeImage(image, hints)).toBe(
      'A 4×4 image dominated by black (#000000); for the Product "Trail Runner 2"; keywords: running shoe; product: Trail Runner 2, brand: Acme, material: mesh',
    );
    expect(await describeImage(image, { usedOn: { title: 'Untyped' } })).toBe('A 4×4 image dominated by black (#000000); for "Untyped"');
    expect(await describeImage(image, { ...hints, style: 'minimal' })).toBe('Black 4×4 image');
  });

  it('is deterministic', async () => {
    const image = await twoColourPng(33, 17, '#8b4513', '#87ceeb', 0.4);

    expect(await describeImage(image, { style: 'descriptive' })).toBe(await describeImage(image, { style: 'descriptive' }));
  });

  it('reads JPEG, WebP, GIF, AVIF and SVG', async () => {
    const base = sharp({ create: { width: 16, height: 12, channels: 3, background: '#1830d0' } });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="12"><rect width="16" height="12" fill="#1830d0"/></svg>');
    const images = [
      await base.clone().jpeg().toBuffer(),
      await base.clone().webp().toBuffer(),
      await base.clone().gif().toBuffer(),
      await base.clone().avif().toBuffer(),
      svg,
    ];

    const texts = await Promise.all(images.map((image) => describeImage(image, { style: 'matter-of-fact' })));

    expect(texts.map((t) => t.split(',')[0])).toEqual([
      '16×12 JPEG image',
      '16×12 WebP image',
      '16×12 GIF image',
      '16×12 AVIF image',
      '16×12 SVG image',
    ]);
    for (const text of texts) expect(text).toContain('mostly blue');
  });

  it('calls a fully transparent image transparent', async () => {
    const clear = await sharp({ create: { width: 5, height: 5, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();

    expect(await describeImage(clear, {})).toBe('A 5×5 fully transparent PNG image');
  });

  it('refuses bytes that are not an image', async () => {
    await expect(describeImage(Buffer.from('<html>login</html>'), {})).rejects.toBeInstanceOf(ImageDecodeError);
  });

  it('refuses formats the services do not take, such as TIFF', async () => {
    const tiff = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#ffffff' } }).tiff().toBuffer();

    await expect(describeImage(tiff, {})).rejects.toThrow('image format tiff is not supported');
  });

  it('refuses an image larger than the pixel limit without decoding it', async () => {
    const side = Math.ceil(Math.sqrt(MAX_INPUT_PIXELS)) + 1;

    await expect(describeImage(await pngClaiming(side, side), {})).rejects.toThrow('megapixels');
  });
});
