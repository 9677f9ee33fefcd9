import sharp from 'sharp';

/**
 * The largest per-channel standard deviation (0–255) an image may have and still count as one flat
 * colour: a solid fill, a blank placeholder, a faint gradient. JPEG noise on a flat fill stays under it.
 */
export const UNIFORM_MAX_STDEV = 4;

/** "uniform colour" when every channel of the image barely varies; undefined otherwise, or when sharp cannot read it. */
export const uniformityHint = async (bytes: Buffer): Promise<string | undefined> => {
  try {
    const stats = await sharp(bytes, { limitInputPixels: 64_000_000, animated: false }).stats();
    const spread = Math.max(...stats.channels.map((channel) => channel.stdev));
    return spread <= UNIFORM_MAX_STDEV ? `uniform colour, σ ${spread.toFixed(1)}` : undefined;
  } catch {
    return undefined;
  }
};
