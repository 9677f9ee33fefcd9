import type { ServedFile } from '../../../server/src/alt-text/localized';
import { createTextBatches, type ServeTexts } from '../../../server/src/serving/text-batches';

const file = (id: number, alternativeText: string | null = `default ${id}`): ServedFile => ({ id, name: `f${id}.png`, alternativeText });

/** Serves "<locale> <id>" for even ids only, recording each call. */
const recordingServe = () => {
  const calls: Array<{ locale: string; ids: number[] }> = [];
  const serve: ServeTexts = async (files, locale) => {
    calls.push({ locale, ids: files.map((served) => served.id) });
    return new Map(files.filter((served) => served.id % 2 === 0).map((served) => [served.id, `${locale} ${served.id}`]));
  };
  return { calls, serve };
};

describe('GraphQL asks for alt texts one field at a time; they are looked up together', () => {
  test('loads made in the same turn share one lookup per locale, each file once', async () => {
    const { calls, serve } = recordingServe();
    const batches = createTextBatches(serve, () => undefined);
    const texts = await Promise.all([batches.load(file(1), 'fr'), batches.load(file(2), 'fr'), batches.load(file(2), 'fr'), batches.load(file(4), 'de')]);
    expect(texts).toEqual(['default 1', 'fr 2', 'fr 2', 'de 4']);
    expect(calls).toEqual([
      { locale: 'fr', ids: [1, 2] },
      { locale: 'de', ids: [4] },
    ]);
  });

  test('a load after the batch has gone starts the next one', async () => {
    const { calls, serve } = recordingServe();
    const batches = createTextBatches(serve, () => undefined);
    await batches.load(file(2), 'fr');
    await batches.load(file(6), 'fr');
    expect(calls).toEqual([
      { locale: 'fr', ids: [2] },
      { locale: 'fr', ids: [6] },
    ]);
  });

  test('a lookup that fails serves every file its own text and is reported once', async () => {
    const errors: unknown[] = [];
    const batches = createTextBatches(async () => {
      throw new Error('table gone');
    }, (error) => errors.push(error));
    await expect(Promise.all([batches.load(file(2), 'fr'), batches.load(file(3, null), 'fr')])).resolves.toEqual(['default 2', null]);
    expect(errors).toHaveLength(1);
  });

  test('loads that keep arriving a moment apart (as association loads answer on a socket) share one lookup', async () => {
    const { calls, serve } = recordingServe();
    const batches = createTextBatches(serve, () => undefined, { quietMs: 15, maxWaitMs: 500 });
    const loads: Array<Promise<string | null>> = [];
    for (let id = 1; id <= 6; id += 1) {
      loads.push(batches.load(file(id), 'fr'));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(loads);
    expect(calls).toEqual([{ locale: 'fr', ids: [1, 2, 3, 4, 5, 6] }]);
  });

  test('a batch that keeps receiving loads closes after maxWaitMs: no field waits without bound', async () => {
    const { calls, serve } = recordingServe();
    const batches = createTextBatches(serve, () => undefined, { quietMs: 20, maxWaitMs: 40 });
    const started = Date.now();
    const first = batches.load(file(1), 'fr').then(() => Date.now() - started);
    const loads: Array<Promise<unknown>> = [first];
    for (let id = 2; id <= 20; id += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      loads.push(batches.load(file(id), 'fr'));
    }
    await Promise.all(loads);
    expect(await first).toBeLessThan(40 + 30); // closed by maxWaitMs, with timer slack
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.flatMap((call) => call.ids)).toEqual(Array.from({ length: 19 }, (_, index) => index + 2).reduce((ids, id) => [...ids, id], [1]));
  });
});

