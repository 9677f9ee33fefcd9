import type { Core } from '@strapi/strapi';
import type { CsvImportCounts, CsvRowError } from '../../../shared/contracts/csv';
import type { AltTextActor } from '../alt-text/changes';
import { createImportWriter, type ImportedText } from '../alt-text/import-write';
import type { LocaleSet } from '../config/locales';
import { readConfig } from '../config/read';
import { CsvEncodingError, headerErrors, isRowErrors, parseRow, readCsvRecords, type AltTextCsvRow } from '../csv';
import { isImageMime } from '../utils/file-label';
import { FILE_UID } from '../utils/plugin-id';

/** Rows checked against the database (file ids) and written per transaction statement, at a time. */
export const CSV_BATCH = 500;
/** A report lists this many errors (and counts them all): a broken 50 000-row file stays readable. */
export const CSV_MAX_REPORTED = 200;

export type CsvImportSource = AsyncIterable<Uint8Array | string> | string | Uint8Array;

export type CsvImportResult = { ok: true; counts: CsvImportCounts } | { ok: false; errors: CsvRowError[]; errorCount: number };

/** The rows to write, kept compactly (parallel arrays, the locale as its index) between the check and the write. */
interface Accepted {
  fileIds: number[];
  locales: number[];
  texts: string[];
}

const chunksOf = (source: CsvImportSource): AsyncIterable<Uint8Array | string> =>
  typeof source === 'string' || source instanceof Uint8Array ? (async function* one() { yield source; })() : source;

/**
 * A CSV import in two steps: every row is read (streamed) and checked — the format, the locale,
 * the length, and the file ids a batch at a time — keeping only what will be written; then, only if
 * no row was refused, everything is written in one transaction. Costs no provider call.
 */
export const createCsvImporter = (strapi: Core.Strapi) => {
  const writer = createImportWriter(strapi);

  const check = async (source: CsvImportSource, locales: LocaleSet, maxLength: number) => {
    const errors: CsvRowError[] = [];
    let errorCount = 0;
    const report = (found: CsvRowError[]) => {
      errorCount += found.length;
      errors.push(...found.slice(0, Math.max(0, CSV_MAX_REPORTED - errors.length)));
    };
    const accepted: Accepted = { fileIds: [], locales: [], texts: [] };
    const counts: CsvImportCounts = { rows: 0, written: 0, unchanged: 0, skipped: 0 };
    const seen = new Set<string>();
    const images = new Set<number>();
    let pending: AltTextCsvRow[] = [];

    const checkFiles = async () => {
      const unknown = [...new Set(pending.map((row) => row.fileId).filter((id) => !images.has(id)))];
      const found = unknown.length === 0 ? [] : ((await strapi.db.query(FILE_UID).findMany({ where: { id: { $in: unknown } }, select: ['id', 'mime'] })) as Array<{ id: number; mime: string }>);
      const mimes = new Map(found.map((file) => [file.id, file.mime]));
      for (const id of unknown) if (isImageMime(mimes.get(id) ?? '')) images.add(id);
      for (const row of pending) {
        if (images.has(row.fileId)) continue;
        const exists = mimes.has(row.fileId);
        report([{ row: row.row, column: 'fileId', reason: exists ? 'NOT_AN_IMAGE' : 'UNKNOWN_FILE', message: exists ? `file ${row.fileId} is not an image` : `no file with id ${row.fileId}` }]);
      }
      for (const row of pending) {
        if (!images.has(row.fileId) || errorCount > 0) continue;
        const text = row.altText.trim();
        if (text === '') counts.skipped += 1;
        else {
          accepted.fileIds.push(row.fileId);
          accepted.locales.push(locales.all.indexOf(row.locale));
          accepted.texts.push(text);
        }
      }
      pending = [];
    };

    const checkRow = (row: AltTextCsvRow): CsvRowError[] => {
      const problems: CsvRowError[] = [];
      if (!locales.all.includes(row.locale)) problems.push({ row: row.row, column: 'locale', reason: 'UNKNOWN_LOCALE', message: `"${row.locale.slice(0, 40)}" is not a locale the plugin writes (${locales.all.join(', ')})` });
      const length = row.altText.trim().length;
      if (length > maxLength) problems.push({ row: row.row, column: 'altText', reason: 'TOO_LONG', message: `the alt text has ${length} characters; at most ${maxLength} are allowed (maxLength)` });
      const key = `${row.fileId}\u0000${row.locale}`;
      if (seen.has(key)) problems.push({ row: row.row, reason: 'DUPLICATE_ROW', message: `file ${row.fileId} in ${row.locale} appears more than once` });
      seen.add(key);
      return problems;
    };

    try {
      let header = true;
      for await (const record of readCsvRecords(chunksOf(source))) {
        if (header) {
          header = false;
          const problems = headerErrors(record);
          if (problems.length > 0) return { errors: problems, errorCount: problems.length, accepted, counts };
          continue;
        }
        counts.rows += 1;
        const parsed = parseRow(record);
        if (isRowErrors(parsed)) {
          report(parsed);
          continue;
        }
        const problems = checkRow(parsed);
        report(problems);
        if (problems.length === 0) pending.push(parsed);
        if (pending.length >= CSV_BATCH) await checkFiles();
      }
      if (header) report(headerErrors(undefined));
    } catch (error) {
      if (!(error instanceof CsvEncodingError)) throw error;
      report([{ row: error.row, reason: 'BAD_ENCODING', message: error.message }]);
    }
    await checkFiles();
    return { errors, errorCount, accepted, counts };
  };

  const write = async (accepted: Accepted, locales: LocaleSet, counts: CsvImportCounts, actor?: AltTextActor) => {
    await strapi.db.transaction(async ({ trx }) => {
      for (let start = 0; start < accepted.fileIds.length; start += CSV_BATCH) {
        const chunk: ImportedText[] = [];
        for (let index = start; index < Math.min(start + CSV_BATCH, accepted.fileIds.length); index += 1) {
          chunk.push({ fileId: accepted.fileIds[index], locale: locales.all[accepted.locales[index]], text: accepted.texts[index] });
        }
        const done = await writer.writeChunk(chunk, locales, trx, actor);
        counts.written += done.written;
        counts.unchanged += done.unchanged;
      }
    });
  };

  return {
    async run(source: CsvImportSource, locales: LocaleSet, actor?: AltTextActor): Promise<CsvImportResult> {
      const { errors, errorCount, accepted, counts } = await check(source, locales, readConfig(strapi).maxLength);
      if (errorCount > 0) return { ok: false, errors: errors.sort((a, b) => a.row - b.row), errorCount };
      if (counts.rows === 0) return { ok: false, errors: [{ row: 2, reason: 'EMPTY_FILE', message: 'the file has a header but no rows' }], errorCount: 1 };
      await write(accepted, locales, counts, actor);
      return { ok: true, counts };
    },
  };
};
