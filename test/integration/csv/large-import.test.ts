import { performance } from 'node:perf_hooks';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { registerSuperAdmin } from '../../reliability/admin';
import { altTextTables, exportCsv, importCsv, parseCsv, seedImages, spreadsheetCsv } from './fixtures';

/**
 * A 50 000-row import (5 000 images × 10 locales) is read streamed and checked in batches: it
 * succeeds in one transaction with bounded heap growth, and the export streams it back.
 */
const LOCALES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'sv', 'da', 'fi'];
const IMAGES = 5000;

/** The heap's peak above where it started, sampled while `work` runs (the app runs in this process). */
const peakHeapGrowth = async <T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number; ms: number }> => {
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 10);
  const began = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { result, growthMb: (peak - start) / 2 ** 20, ms: performance.now() - began };
  } finally {
    clearInterval(timer);
  }
};

describe('a 50 000-row CSV', () => {
  let app: PlaygroundApp;
  let token: string;
  let ids: number[];

  beforeAll(async () => {
    app = await bootPlayground({ env: { ALT_TEXT_AUTO_ON_UPLOAD: 'false', ALT_TEXT_POLL_INTERVAL_MS: '60000', ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: LOCALES }) } });
    token = await registerSuperAdmin(app);
    ids = await seedImages(app.strapi, IMAGES, 'large');
  });
  afterAll(() => app?.stop());

  const file = (locale: (code: string) => string) =>
    spreadsheetCsv(ids.flatMap((id, index) => LOCALES.map((code) => [id, `large-${index}.png`, locale(code), `Image ${index} in ${code}, with "quotes", commas and a line\nbreak`, ''])));

  test('imports in one go with bounded heap growth, and exports back streamed', async () => {
    const content = file((code) => code);
    const { result, growthMb, ms } = await peakHeapGrowth(() => importCsv(app, token, content));
    expect(result.body?.data).toEqual({ rows: 50_000, written: 50_000, unchanged: 0, skipped: 0 });
    console.info(`[csv] 50 000-row import: ${Math.round(ms)} ms, peak heap growth ${growthMb.toFixed(1)} MB (file ${(content.length / 2 ** 20).toFixed(1)} MB)`);
    expect(growthMb).toBeLessThan(200);

    const tables = await altTextTables(app.strapi);
    expect(tables.localeTexts).toHaveLength(45_000);
    expect(tables.provenance).toHaveLength(5_000);

    const exported = await peakHeapGrowth(() => exportCsv(app, token, 'scope=all'));
    console.info(`[csv] 50 000-row export: ${Math.round(exported.ms)} ms, peak heap growth ${exported.growthMb.toFixed(1)} MB`);
    const rows = parseCsv(exported.result.text);
    expect(rows).toHaveLength(50_001);
    expect(rows[1]).toEqual([String(ids[0]), 'large-0.png', 'en', 'Image 0 in en, with "quotes", commas and a line\nbreak', 'imported']);
  });

  test('a file with 50 000 bad rows: the report lists the first 200 and counts them all', async () => {
    const { result, ms } = await peakHeapGrowth(() => importCsv(app, token, file((code) => `x-${code}`)));
    console.info(`[csv] 50 000 bad rows checked: ${Math.round(ms)} ms`);
    expect(result.status).toBe(400);
    expect(result.body.error.details.errorCount).toBe(50_000);
    expect(result.body.error.details.errors).toHaveLength(200);
    expect(result.body.error.details.errors[0]).toMatchObject({ row: 2, column: 'locale', reason: 'UNKNOWN_LOCALE' });
  });
});
