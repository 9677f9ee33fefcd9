import { createCsvReader, CsvEncodingError, readCsvRecords, type CsvRecord } from '../../../server/src/csv/reader';
import { BOM, csvField, csvRow } from '../../../server/src/csv/writer';
import { guardFormula, headerErrors, parseRow, unguardFormula } from '../../../server/src/csv/format';

const readAll = async (chunks: Array<string | Uint8Array>): Promise<CsvRecord[]> => {
  const out: CsvRecord[] = [];
  for await (const record of readCsvRecords((async function* source() { yield* chunks; })())) out.push(record);
  return out;
};
const fieldsOf = (records: CsvRecord[]) => records.map((record) => record.fields);
const bytes = (text: string) => new TextEncoder().encode(text);

describe('the CSV reader (RFC 4180, streamed)', () => {
  test('plain fields, CRLF and LF line ends, and a last line without one', async () => {
    expect(fieldsOf(await readAll(['a,b\r\nc,d\ne,f']))).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
  });

  test('quoted fields keep commas, doubled quotes and line breaks (CRLF and LF) inside them', async () => {
    const records = await readAll(['1,"a, b","say ""hi""","line one\r\nline two\nthree"\r\n']);
    expect(fieldsOf(records)).toEqual([['1', 'a, b', 'say "hi"', 'line one\r\nline two\nthree']]);
  });

  test('rows are numbered as a spreadsheet shows them: the header is 1, a quoted line break stays in its row, empty lines count but yield nothing', async () => {
    const records = await readAll(['h\r\n"x\ny"\r\n\r\n\nz\n']);
    expect(records.map((record) => [record.row, record.fields])).toEqual([[1, ['h']], [2, ['x\ny']], [5, ['z']]]);
  });

  test('a piece may end anywhere: inside a quote, between CR and LF, inside a doubled quote', async () => {
    const text = 'a,"b ""c""\r\nd"\r\ne,f\r\n';
    const whole = fieldsOf(await readAll([text]));
    for (let cut = 1; cut < text.length; cut += 1) {
      expect(fieldsOf(await readAll([text.slice(0, cut), text.slice(cut)]))).toEqual(whole);
    }
    expect(whole).toEqual([['a', 'b "c"\r\nd'], ['e', 'f']]);
  });

  test('a byte order mark is dropped, and a UTF-8 character split across chunks is read whole', async () => {
    const encoded = bytes(`${BOM}fileId,altText\r\n1,Café ☕\r\n`);
    const split = encoded.indexOf(0xe2) + 1; // inside the three bytes of ☕
    const records = await readAll([encoded.slice(0, 2), encoded.slice(2, split), encoded.slice(split)]);
    expect(fieldsOf(records)).toEqual([['fileId', 'altText'], ['1', 'Café ☕']]);
  });

  test('bytes that are not UTF-8 throw an encoding error naming the row they are in (rows before are read)', async () => {
    const latin1 = Uint8Array.from([...bytes('h\r\n1,ok\r\n2,caf'), 0xe9, ...bytes('\r\n')]);
    const out: CsvRecord[] = [];
    const reading = (async () => {
      for await (const record of readCsvRecords((async function* source() { yield latin1; })())) out.push(record);
    })();
    await expect(reading).rejects.toThrow(CsvEncodingError);
    await expect(reading).rejects.toMatchObject({ row: 3 });
    expect(fieldsOf(out)).toEqual([['h'], ['1', 'ok']]);
  });

  test('an unterminated quote is reported on the row where the quote opened', async () => {
    const records = await readAll(['h\r\n1,"never closed\r\n2,x\r\n']);
    expect(records[1]).toMatchObject({ row: 2, problem: { code: 'UNTERMINATED_QUOTE' } });
  });

  test('a quote in the middle of an unquoted field, or text after a closing quote, is a stray quote', () => {
    const reader = createCsvReader();
    const records = [...reader.push('ab"c,d\r\n"x"y,z\r\nok,1\r\n'), ...reader.end()];
    expect(records.map((record) => record.problem?.code)).toEqual(['STRAY_QUOTE', 'STRAY_QUOTE', undefined]);
  });

  test('an empty quoted field is an empty string, and a trailing comma is one more empty field', async () => {
    expect(fieldsOf(await readAll(['"",a,\r\n']))).toEqual([['', 'a', '']]);
  });
});

describe('the CSV writer', () => {
  test('quotes only what needs it and doubles quotes; records end with CRLF', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField(null)).toBe('');
    expect(csvRow([1, 'x', null])).toBe('1,x,\r\n');
  });

  test('whatever is written reads back the same', async () => {
    const rows = [['1', 'a "b", c', 'x\r\ny\nz', '', ' lead', '"', ',', 'é ☕ 你好']];
    expect(fieldsOf(await readAll([rows.map(csvRow).join('')]))).toEqual(rows);
  });
});

describe('the alt-text file format', () => {
  const record = (fields: string[], row = 2): CsvRecord => ({ row, fields });

  test('the header must be exactly the five columns (spaces around names tolerated)', () => {
    expect(headerErrors(record(['fileId', 'fileName', 'locale', ' altText', 'source'], 1))).toEqual([]);
    expect(headerErrors(record(['fileId', 'fileName', 'locale', 'altText'], 1))[0]).toMatchObject({ row: 1, reason: 'BAD_HEADER' });
    expect(headerErrors(record(['fileId', 'fileName', 'locale', 'altText', 'source', 'extra'], 1))[0].reason).toBe('BAD_HEADER');
    expect(headerErrors(undefined)[0].reason).toBe('EMPTY_FILE');
  });

  test('a row needs five fields and a whole-number file id', () => {
    expect(parseRow(record(['12', 'cat.png', ' fr ', 'Un chat', 'human']))).toEqual({ row: 2, fileId: 12, fileName: 'cat.png', locale: 'fr', altText: 'Un chat' });
    expect(parseRow(record(['12', 'cat.png', 'fr', 'Un chat']))).toEqual([expect.objectContaining({ reason: 'COLUMN_COUNT' })]);
    for (const id of ['', 'abc', '1.5', '-3', '0']) {
      expect(parseRow(record([id, 'x', 'fr', 't', 's']))).toEqual([expect.objectContaining({ column: 'fileId', reason: 'BAD_FILE_ID' })]);
    }
  });

  test('a cell a spreadsheet would run as a formula is exported with a leading apostrophe, and imported without it', () => {
    for (const text of ['=HYPERLINK("http://evil.example","x")', '+1 more', '-20% off', '@mention', '\tindent', "'=already quoted", "''=twice"]) {
      const guarded = guardFormula(text);
      expect(guarded).toBe(`'${text}`);
      expect(unguardFormula(guarded)).toBe(text);
    }
    for (const text of ['A red tent', "'quoted' word", 'email@example.com', '']) {
      expect(guardFormula(text)).toBe(text);
      expect(unguardFormula(text)).toBe(text);
    }
    const parsed = parseRow({ row: 2, fields: ['7', "'=cmd.png", 'en', "'=SUM(A1)", 'human'] });
    expect(parsed).toMatchObject({ fileName: '=cmd.png', altText: '=SUM(A1)' });
  });
});
