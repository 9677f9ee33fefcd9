/**
 * RFC 4180 output: a field is quoted when it holds a quote, a comma, a line break or space at
 * either end (spreadsheets would trim it), its quotes doubled; records end with CRLF.
 */
export const BOM = '\uFEFF';

const NEEDS_QUOTES = /["\r\n,]|^\s|\s$/;

export const csvField = (value: string | number | null | undefined): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const csvRow = (fields: ReadonlyArray<string | number | null | undefined>): string => `${fields.map(csvField).join(',')}\r\n`;
