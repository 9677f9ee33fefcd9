import { solidPng } from './images';
import { uploadThroughApi } from './upload';

/** Images seeded so far in this process: each seeded image gets a colour no other one has. */
let seeded = 0;

/**
 * Uploads `count` distinct PNGs (width 60+i, so the emulator's text names each one) through the
 * real API, a few at a time. Returns their ids in upload order. Every image seeded in a process has
 * bytes of its own (a colour from a process-wide counter): a test counting provider calls is not
 * answered from the plugin's cache by an image an earlier test seeded.
 */
export async function seedImages(app: { url: string; apiToken: string }, count: number, prefix = 'img'): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < count; ) {
    // The first upload alone: Strapi creates its "API Uploads" folder on first use, and
    // concurrent first uploads race to create it (a unique-constraint 500 in Strapi 5.54).
    const parallel = start === 0 ? 1 : 4;
    const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, k) => start + k);
    const uploaded = await Promise.all(
      batch.map(async (i) => {
        const n = (seeded += 1);
        const png = await solidPng(60 + i, 60, { r: n % 256, g: Math.floor(n / 256) % 256, b: (i * 53) % 256 });
        const result = await uploadThroughApi(app, { bytes: png, name: `${prefix}-${i}.png`, mime: 'image/png' });
        if (result.status !== 201) throw new Error(`seeding upload ${i} failed with HTTP ${result.status}`);
        return result.files[0].id;
      })
    );
    ids.push(...uploaded);
    start += batch.length;
  }
  return ids;
}
