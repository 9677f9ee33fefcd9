import sharp from 'sharp';

/**
 * A photo-like JPEG: a blue-ish field with gaussian grain, which compresses like a real photo
 * (flat colour would compress to a few KB). 1600×1200 at q85 is ~500 KB; 4000×3000 is 12 MP.
 */
export async function grainyJpeg(width: number, height: number, sigma = 14, quality = 85): Promise<Buffer> {
  const raw = await sharp({
    create: { width, height, channels: 3, background: { r: 90, g: 140, b: 200 }, noise: { type: 'gaussian', mean: 128, sigma } },
  })
    .raw()
    .toBuffer();
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
}

/** A small solid PNG; the colour makes each one distinct (the emulator describes the pixels). */
export const solidPng = (width: number, height: number, i: number): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 } } })
    .png()
    .toBuffer();
