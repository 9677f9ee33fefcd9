/** CSV export and import of alt text per locale (`/auto-alt-text/csv/*`, docs/csv.md). */

/** The columns of the file, in this order; the header row names them. */
export const CSV_COLUMNS = ['fileId', 'fileName', 'locale', 'altText', 'source'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Which images an export lists: every image, the (image, locale) pairs without text, or one Media Library folder (and its subfolders). */
export const CSV_EXPORT_SCOPES = ['all', 'missing', 'folder'] as const;
export type CsvExportScope = (typeof CSV_EXPORT_SCOPES)[number];

/**
 * Why a row of an import was refused; the admin translates each (`csv.reason.<CODE>`).
 * - BAD_HEADER: the first row is not exactly the five columns.
 * - BAD_ENCODING: bytes that are not UTF-8.
 * - UNTERMINATED_QUOTE, STRAY_QUOTE: the row is not valid CSV.
 * - COLUMN_COUNT: a row with more or fewer than five fields.
 * - BAD_FILE_ID: not a positive whole number.
 * - UNKNOWN_FILE: no file with that id; NOT_AN_IMAGE: the file is not an image.
 * - UNKNOWN_LOCALE: not a locale the plugin writes.
 * - TOO_LONG: the alt text is longer than the configured `maxLength`.
 * - DUPLICATE_ROW: the same file and locale appear twice.
 * - EMPTY_FILE: no row after the header (or not even a header).
 */
export const CSV_REASONS = [
  'BAD_HEADER',
  'BAD_ENCODING',
  'UNTERMINATED_QUOTE',
  'STRAY_QUOTE',
  'COLUMN_COUNT',
  'BAD_FILE_ID',
  'UNKNOWN_FILE',
  'NOT_AN_IMAGE',
  'UNKNOWN_LOCALE',
  'TOO_LONG',
  'DUPLICATE_ROW',
  'EMPTY_FILE',
] as const;
export type CsvReason = (typeof CSV_REASONS)[number];

export interface CsvRowError {
  /** The row in the file, the header being row 1 (as a spreadsheet numbers them). */
  row: number;
  /** The column at fault; absent when the whole row (or file) is. */
  column?: CsvColumn;
  reason: CsvReason;
  /** The same in English, with the values involved. */
  message: string;
}

export interface CsvImportCounts {
  /** Data rows read (the header not counted). */
  rows: number;
  /** Rows whose text was written, marked `imported`. */
  written: number;
  /** Rows whose text was already exactly that: left as they are (and keep their source). */
  unchanged: number;
  /** Rows with an empty altText: nothing to write, the current text stays. */
  skipped: number;
}

/** GET /auto-alt-text/csv/export?scope=all|missing|folder&folder=<id>&locale=<code> — a text/csv download (UTF-8 with a BOM); no `locale` = every locale the plugin writes. */
export declare namespace ExportCsv {
  interface Request { query: { scope?: CsvExportScope; folder?: number; locale?: string } }
}

/**
 * POST /auto-alt-text/csv/import — multipart/form-data with the file in the field `files`.
 * All rows are checked first: any error → HTTP 400 `{ error: { name: 'ValidationError', details: { reason: 'CSV_INVALID', errors, errorCount } } }`
 * and nothing is written; otherwise every row is written in one transaction.
 */
export declare namespace ImportCsv {
  interface Response { data: CsvImportCounts }
  interface ErrorDetails { reason: 'CSV_INVALID'; errors: CsvRowError[]; errorCount: number }
}
