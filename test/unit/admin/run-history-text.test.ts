/**
 * The run history's words without a browser: each scope in words (with the names the server sent),
 * the mode, who started a run and how long it took — formatted with the shipped messages, so the
 * ICU plurals of en and fr are what is checked.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Translate } from '../../../admin/src/hooks/useT';
import { durationText, modeText, scopeText, starterText } from '../../../admin/src/pages/Dashboard/runHistoryText';
import type { RunScope } from '../../../shared/contracts/runs';

const translator = (lang: string): Translate => {
  const messages = JSON.parse(readFileSync(path.resolve(__dirname, `../../../admin/src/translations/${lang}.json`), 'utf8')) as Record<string, string>;
  return (id, _default, values) => {
    if (!(id in messages)) throw new Error(`no message ${id} in ${lang}.json`);
    return String(new IntlMessageFormat(messages[id], lang).format(values));
  };
};
const en = translator('en');
const fr = translator('fr');
const scoped = (scope: RunScope, scopeNames = {}) => ({ scope, scopeNames });

describe('a run\'s scope in words', () => {
  test.each([
    [scoped({ kind: 'missing' }), 'Missing alt text'],
    [scoped({ kind: 'all' }), 'All images'],
    [scoped({ kind: 'folder', folderId: 4 }, { folderPath: 'Photos / 2024' }), 'Folder Photos / 2024'],
    [scoped({ kind: 'folder', folderId: 4 }, { folderPath: null }), 'A deleted folder (#4)'],
    [scoped({ kind: 'ids', ids: [1] }), '1 selected image'],
    [scoped({ kind: 'ids', ids: Array.from({ length: 12 }, (_, i) => i + 1) }), '12 selected images'],
    [scoped({ kind: 'entries', model: 'api::article.article', documentIds: ['a', 'b', 'c'] }, { contentType: 'Article' }), '3 entries of Article'],
    [scoped({ kind: 'entries', model: 'api::article.article', documentIds: ['a'] }, { contentType: 'Article' }), '1 entry of Article'],
    [scoped({ kind: 'flagged' }), 'Flagged texts'],
  ])('%j → %s', (run, words) => {
    expect(scopeText(run, en)).toBe(words);
  });

  test('French agrees in number', () => {
    expect(scopeText(scoped({ kind: 'ids', ids: [1] }), fr)).toBe('1 image sélectionnée');
    expect(scopeText(scoped({ kind: 'ids', ids: [1, 2] }), fr)).toBe('2 images sélectionnées');
    expect(scopeText(scoped({ kind: 'entries', model: 'api::article.article', documentIds: ['a', 'b', 'c'] }, { contentType: 'Article' }), fr)).toBe('3 entrées de Article');
  });
});

describe('how, by whom and how long', () => {
  test('the mode, forced, and the one locale a run wrote', () => {
    expect(modeText({ mode: 'fill', force: false, locale: null, lang: null }, en)).toBe('Fill');
    expect(modeText({ mode: 'overwrite', force: true, locale: 'fr', lang: null }, en)).toBe('Overwrite · forced (no cache) · locale fr');
  });

  test('an admin by name; code as code, with its label', () => {
    expect(starterText({ startedBy: { kind: 'admin', name: 'Ada Admin' } }, en)).toBe('by Ada Admin');
    expect(starterText({ startedBy: { kind: 'code', label: null } }, en)).toBe('by code');
    expect(starterText({ startedBy: { kind: 'code', label: 'console' } }, fr)).toBe('par du code (console)');
  });

  test('seconds, minutes, hours; none while the run goes on', () => {
    const from = '2026-03-01T10:00:00.000Z';
    expect(durationText({ createdAt: from, finishedAt: '2026-03-01T10:00:42.400Z' }, en)).toBe('42 s');
    expect(durationText({ createdAt: from, finishedAt: '2026-03-01T10:03:20.000Z' }, en)).toBe('3 min 20 s');
    expect(durationText({ createdAt: from, finishedAt: '2026-03-01T12:05:00.000Z' }, en)).toBe('2 h 5 min');
    expect(durationText({ createdAt: from, finishedAt: null }, en)).toBeNull();
  });
});
