/**
 * An RFC 4180 reader that takes text in pieces and hands back whole records as they end, so a file
 * of any size is read with the memory of one record. Quoted fields may hold commas, doubled quotes
 * and line breaks; records end with CRLF, LF or a lone CR. A record's `row` is its number in the
 * file counting the header as 1, as a spreadsheet numbers it (a quoted line break stays in its row).
 */
export type CsvProblemCode = 'UNTERMINATED_QUOTE' | 'STRAY_QUOTE';

export interface CsvProblem {
  code: CsvProblemCode;
  message: string;
}

export interface CsvRecord {
  row: number;
  fields: string[];
  /** The record could not be read as RFC 4180 says; its fields are the reader's best guess. */
  problem?: CsvProblem;
}

type State = 'start' | 'plain' | 'quoted' | 'closed';

const PROBLEMS: Record<CsvProblemCode, string> = {
  UNTERMINATED_QUOTE: 'a quoted field is not closed: the file ends inside quotes',
  STRAY_QUOTE: 'a quote inside a field that does not start with one (quote the field and double the quote)',
};

export const createCsvReader = () => {
  let state: State = 'start';
  let field = '';
  let fields: string[] = [];
  let row = 1;
  let problem: CsvProblemCode | undefined;
  /** The last piece ended with CR: a LF opening the next one belongs to that line end. */
  let afterCR = false;

  const endRecord = (out: CsvRecord[]) => {
    fields.push(field);
    const record: CsvRecord = { row, fields };
    if (problem) record.problem = { code: problem, message: PROBLEMS[problem] };
    // An empty line is a row of the file (the numbering counts it) but not a record.
    if (fields.length > 1 || fields[0] !== '' || problem) out.push(record);
    row += 1;
    field = '';
    fields = [];
    problem = undefined;
    state = 'start';
  };

  const push = (text: string): CsvRecord[] => {
    const out: CsvRecord[] = [];
    for (let index = 0; index < text.length; index += 1) {
      const char = text[index];
      if (afterCR) {
        afterCR = false;
        if (char === '\n') continue;
      }
      if (state === 'quoted') {
        if (char === '"') state = 'closed';
        else field += char;
        continue;
      }
      if (char === ',') {
        fields.push(field);
        field = '';
        state = 'start';
      } else if (char === '\n' || char === '\r') {
        afterCR = char === '\r';
        endRecord(out);
      } else if (char === '"') {
        if (state === 'start') state = 'quoted';
        else if (state === 'closed') {
          field += '"';
          state = 'quoted';
        } else {
          problem ??= 'STRAY_QUOTE';
          field += char;
        }
      } else {
        if (state === 'closed') problem ??= 'STRAY_QUOTE';
        field += char;
        state = 'plain';
      }
    }
    return out;
  };

  return {
    push,
    /** The row being read now (the next record's number). */
    row: () => row,
    /** The last record, when the text does not end with a line break (or ends inside quotes). */
    end(): CsvRecord[] {
      const out: CsvRecord[] = [];
      if (state === 'quoted') problem = 'UNTERMINATED_QUOTE';
      if (state !== 'start' || fields.length > 0 || problem) endRecord(out);
      return out;
    },
  };
};

/** The bytes were not UTF-8; `row` is the row being read when they were met. */
export class CsvEncodingError extends Error {
  readonly row: number;
  constructor(row: number) {
    super(`the file is not valid UTF-8 (at row ${row}): save it as "CSV UTF-8"`);
    this.name = 'CsvEncodingError';
    this.row = row;
  }
}

/**
 * The records of a UTF-8 byte stream, one at a time. A byte order mark is dropped; bytes that are
 * not UTF-8 throw a CsvEncodingError (never a silent U+FFFD that would be written as text).
 */
export async function* readCsvRecords(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const reader = createCsvReader();
  let first = true;
  const read = function* (text: string) {
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    yield* reader.push(text);
  };
  /** Reads what came before the first bad byte, so the error names the row it is in. */
  const fail = function* (chunk: Uint8Array | undefined): Generator<CsvRecord, never> {
    const lenient = chunk ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(chunk) : '';
    const before = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD')));
    yield* read(before);
    throw new CsvEncodingError(reader.row());
  };
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield* read(chunk);
      continue;
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      return yield* fail(chunk);
    }
    yield* read(text);
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    return yield* fail(undefined);
  }
  yield* read(rest);
  yield* reader.end();
}
