export { createCsvReader, CsvEncodingError, readCsvRecords, type CsvProblem, type CsvProblemCode, type CsvRecord } from './reader';
export { BOM, csvField, csvRow } from './writer';
export { headerErrors, isRowErrors, parseRow, type AltTextCsvRow } from './format';
