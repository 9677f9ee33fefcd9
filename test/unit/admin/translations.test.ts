import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ADMIN = path.resolve(__dirname, '../../../admin/src');
const load = (lang: string) => JSON.parse(readFileSync(path.join(ADMIN, 'translations', `${lang}.json`), 'utf8')) as Record<string, string>;
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : /\.tsx?$/.test(name) ? [file] : [];
  });
/** ICU arguments of a message: `{name}` and `{count, plural, …}` both give `name` / `count`. */
const argumentsOf = (message: string) => new Set([...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((match) => match[1]));

describe('the admin speaks English, French and German with one set of messages', () => {
  const en = load('en');

  test('every message the code asks for by id is in en.json', () => {
    const used = new Set(sources(ADMIN).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)].map((match) => match[1])));
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((id) => !(id in en)).sort()).toEqual([]);
  });

  test.each(['fr', 'de'])('%s.json has exactly the ids of en.json, with the same arguments', (lang) => {
    const other = load(lang);
    expect(Object.keys(other).filter((id) => !(id in en)).sort()).toEqual([]);
    expect(Object.keys(en).filter((id) => !(id in other)).sort()).toEqual([]);
    const differing = Object.keys(en).filter((id) => id in other && [...argumentsOf(en[id])].sort().join() !== [...argumentsOf(other[id])].sort().join());
    expect(differing).toEqual([]);
  });
});
