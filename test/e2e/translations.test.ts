import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ADMIN_SRC = path.resolve(__dirname, '../../admin/src');
const load = (locale: string) =>
  JSON.parse(readFileSync(path.join(ADMIN_SRC, 'translations', `${locale}.json`), 'utf8')) as Record<string, string>;

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.tsx?$/.test(name) ? [full] : [];
  });

/** Every message id the admin code asks for: `getTranslation('x')` and the pages' `t('x', …)` helper. */
const usedIds = () => {
  const ids = new Set<string>();
  for (const file of sources(ADMIN_SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:getTranslation\(|\bt\(\s*|id:\s*)'([a-zA-Z]\w*(?:\.\w+)+)'/g)) ids.add(match[1]);
  }
  return ids;
};

/** The ICU placeholders of a message: `{count}` and friends must survive translation. */
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('admin translations', () => {
  const en = load('en');

  test('every message id used in the admin code has an English text', () => {
    const missing = [...usedIds()].filter((id) => !(id in en));
    expect(missing).toEqual([]);
  });

  test.each(['fr', 'de'])('%s has exactly the English keys, none left empty', (locale) => {
    const other = load(locale);
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    expect(Object.entries(other).filter(([, text]) => text.trim() === '')).toEqual([]);
  });

  test.each(['fr', 'de'])('%s keeps every placeholder of the English text', (locale) => {
    const other = load(locale);
    const broken = Object.keys(en).filter((key) => JSON.stringify(placeholders(en[key])) !== JSON.stringify(placeholders(other[key] ?? '')));
    expect(broken).toEqual([]);
  });
});
