import path from 'node:path';
import { ADMIN_LAYERS, importEdges, SERVER_LAYERS, sourceFiles, violations } from './layers';

const REPO = path.resolve(__dirname, '../../..');
const describeEdge = (edge: { file: string; line: number; specifier: string; from: string; to: string }) =>
  `${edge.file}:${edge.line} (${edge.from} → ${edge.to}) imports '${edge.specifier}'`;

describe('imports point down the floors of docs/architecture.md', () => {
  const serverFiles = sourceFiles(path.join(REPO, 'server/src'));
  const sharedFiles = sourceFiles(path.join(REPO, 'shared'));
  const edges = importEdges([...serverFiles, ...sharedFiles], REPO);

  test('the check sees the code: every floor of server/src is known and has files', () => {
    const floors = new Set(edges.map((edge) => edge.from));
    for (const floor of floors) expect({ floor, known: floor in SERVER_LAYERS }).toEqual({ floor, known: true });
    expect(edges.length).toBeGreaterThan(100);
  });

  test('no import in server/src or shared/ runs up or sideways', () => {
    expect(violations(edges, SERVER_LAYERS).map(describeEdge)).toEqual([]);
  });

  test('nothing in server/src or shared/ reaches outside them (admin, tests, emulator)', () => {
    expect(edges.filter((edge) => edge.to.startsWith('outside:')).map(describeEdge)).toEqual([]);
  });

  test('a planted upward import is caught (the rule can fail)', () => {
    const planted = { file: 'server/src/models/x.ts', line: 1, specifier: '../services', from: 'models', to: 'services' };
    expect(violations([planted], SERVER_LAYERS)).toEqual([planted]);
  });
});

describe('the admin follows its floors too', () => {
  const edges = importEdges(sourceFiles(path.join(REPO, 'admin/src')), REPO);

  test('every admin floor is known', () => {
    for (const floor of new Set(edges.map((edge) => edge.from))) expect({ floor, known: floor in ADMIN_LAYERS }).toEqual({ floor, known: true });
  });

  test('pages → components → hooks → utils: no import runs up or sideways', () => {
    expect(violations(edges, ADMIN_LAYERS).map(describeEdge)).toEqual([]);
  });
});

describe('files stay small', () => {
  test('no file in server/src is over 250 lines', () => {
    const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const long = sourceFiles(path.join(REPO, 'server/src'))
      .map((file) => ({ file: path.relative(REPO, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter((entry) => entry.lines > 250);
    expect(long).toEqual([]);
  });
});
