import { readFileSync } from 'node:fs';
import path from 'node:path';
import services from '../../../server/src/services';

const DOC = readFileSync(path.resolve(__dirname, '../../../docs/service-api.md'), 'utf8');
const TYPES = readFileSync(path.resolve(__dirname, 'service-api.types.ts'), 'utf8');

/** The rows of the doc's table: service and the methods named in its Method column. */
const documented = () =>
  DOC.split('\n')
    .filter((line) => /^\| `\w+` \|/.test(line))
    .flatMap((line) => {
      const [, name, methods] = line.split('|').map((cell) => cell.trim());
      return [...methods.matchAll(/`(\w+)\(/g)].map((match) => ({ service: name.replace(/`/g, ''), method: match[1] }));
    });

describe('docs/service-api.md matches the code', () => {
  test('every documented service exists', () => {
    const names = [...new Set(documented().map((entry) => entry.service))];
    expect(names.length).toBeGreaterThanOrEqual(6);
    expect(names.filter((name) => !(name in services))).toEqual([]);
  });

  test('every documented method is called in the type-checked file (so it exists with that shape)', () => {
    const calls = documented();
    expect(calls.length).toBeGreaterThanOrEqual(19);
    expect(calls.filter(({ method }) => !new RegExp(`\\.${method}\\(`).test(TYPES)).map(({ service, method }) => `${service}.${method}`)).toEqual([]);
  });
});
