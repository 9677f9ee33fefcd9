export { createCsvReader, CsvEncodingError, readCsvRecords, type CsvProblem, type CsvProblemCode, type CsvRecord } from './reader';
export { BOM, csvField, csvRow } from './writer';
export { guardFormula, headerErrors, isRowErrors, parseRow, unguardFormula, type AltTextCsvRow } from './format';
