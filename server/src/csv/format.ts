import { CSV_COLUMNS, type CsvRowError } from '../../../shared/contracts/csv';
import type { CsvRecord } from './reader';

/**
 * The alt-text file's rules that need no database: the header, five fields per row, a file id that
 * is a number. What the database knows (the file, the locale, the length limit) is checked by the import.
 */
export interface AltTextCsvRow {
  row: number;
  fileId: number;
  fileName: string;
  locale: string;
  altText: string;
}

/**
 * A cell that starts with `=`, `+`, `-`, `@`, a tab or a CR is run as a formula by Excel, LibreOffice
 * and Google Sheets (CSV injection: `=HYPERLINK(...)` in an alt text would run on the translator's
 * machine). The export writes such a cell with a leading `'`, which spreadsheets show as text and
 * hide; the import takes that `'` off again, so the round trip is exact. A text that already reads
 * as guarded (`'=…`: apostrophes, then a formula start) gets one more, so it too comes back as written.
 */
const GUARD_NEEDED = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

export const guardFormula = (text: string): string => (GUARD_NEEDED.test(text) ? `'${text}` : text);
export const unguardFormula = (text: string): string => (GUARDED.test(text) ? text.slice(1) : text);

export const headerErrors = (record: CsvRecord | undefined): CsvRowError[] => {
  if (!record) return [{ row: 1, reason: 'EMPTY_FILE', message: 'the file is empty: expected a header row and one row per image and locale' }];
  if (record.problem) return [{ row: record.row, reason: record.problem.code, message: record.problem.message }];
  const names = record.fields.map((name) => name.trim());
  if (names.length === CSV_COLUMNS.length && names.every((name, index) => name === CSV_COLUMNS[index])) return [];
  return [{ row: record.row, reason: 'BAD_HEADER', message: `the header must be exactly ${CSV_COLUMNS.join(',')} (found ${names.join(',')})` }];
};

/** One data row as the import needs it, or the reasons it cannot be one. */
export const parseRow = (record: CsvRecord): AltTextCsvRow | CsvRowError[] => {
  const { row } = record;
  if (record.problem) return [{ row, reason: record.problem.code, message: record.problem.message }];
  if (record.fields.length !== CSV_COLUMNS.length) {
    return [{ row, reason: 'COLUMN_COUNT', message: `expected ${CSV_COLUMNS.length} fields, found ${record.fields.length}` }];
  }
  const [id, fileName, locale, altText] = record.fields;
  const fileId = /^\s*[1-9][0-9]{0,14}\s*$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(fileId)) return [{ row, column: 'fileId', reason: 'BAD_FILE_ID', message: `"${id.slice(0, 40)}" is not a file id` }];
  return { row, fileId, fileName: unguardFormula(fileName), locale: locale.trim(), altText: unguardFormula(altText.trimStart()) };
};

export const isRowErrors = (parsed: AltTextCsvRow | CsvRowError[]): parsed is CsvRowError[] => Array.isArray(parsed);
