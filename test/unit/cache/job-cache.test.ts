import { createJobCache, type JobCache } from '../../../server/src/cache/job-cache';
import type { FingerprintStore } from '../../../server/src/cache/fingerprints';
import type { CachedTexts } from '../../../server/src/cache/texts';
import type { ImageSource, StoredFile } from '../../../server/src/image-source';

/** A cached-texts table in memory: what the job cache reads and writes, nothing more. */
const memoryTexts = () => {
  const rows = new Map<string, { text: string; provider: string }>();
  const texts = {
    take: async (key: string) => rows.get(key),
    put: async (entry: { cacheKey: string; text: string; provider: string }) => void rows.set(entry.cacheKey, { text: entry.text, provider: entry.provider }),
  } as unknown as CachedTexts;
  return { texts, rows };
};
const sameBytes = { of: async () => ({ value: 'sha256:same', method: 'bytes' as const }) } as unknown as FingerprintStore;
const file = (id: number) => ({ id, name: `f${id}.png` }) as StoredFile;

const cacheFor = (id: number, texts: CachedTexts, bypass = false): JobCache =>
  createJobCache({ file: file(id), imageSource: {} as ImageSource, fingerprints: sameBytes, texts, provider: 'alttextlab', settings: 's', bypass });

const settled = async <T>(promise: Promise<T>) => Promise.race([promise.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 30))]);

describe('two jobs of one process asking the same question at once', () => {
  test('the second waits for the first one\'s answer and takes it from the cache: one call for both', async () => {
    const { texts } = memoryTexts();
    const first = cacheFor(1, texts);
    const second = cacheFor(2, texts);
    expect(await first.lookup('en', [])).toBeUndefined(); // the first asks the provider
    const waiting = second.lookup('en', []);
    expect(await settled(waiting)).toBe(false); // the second waits instead of paying
    await first.keep('en', [], 'A red logo');
    first.release();
    await expect(waiting).resolves.toEqual({ text: 'A red logo', provider: 'alttextlab' });
  });

  test('a first job that ends without an answer lets the second ask for itself', async () => {
    const { texts } = memoryTexts();
    const first = cacheFor(3, texts);
    const second = cacheFor(4, texts);
    expect(await first.lookup('de', [])).toBeUndefined();
    const waiting = second.lookup('de', []);
    first.release();
    await expect(waiting).resolves.toBeUndefined();
    second.release();
  });

  test('a Regenerate (bypass) neither waits nor reads the cache', async () => {
    const { texts, rows } = memoryTexts();
    const first = cacheFor(5, texts);
    expect(await first.lookup('fr', [])).toBeUndefined();
    const regenerate = cacheFor(6, texts, true);
    expect(await settled(regenerate.lookup('fr', []))).toBe(true);
    await regenerate.keep('fr', [], 'Un logo rouge');
    expect([...rows.values()]).toEqual([{ text: 'Un logo rouge', provider: 'alttextlab' }]);
    first.release();
  });
});
