import { chooseEntries, comparePaths, oneRowPerEntry } from '../../../server/src/context/choose';
import type { EntryHead } from '../../../server/src/context/entry-rows';

const head = (overrides: Partial<EntryHead>): EntryHead => ({ uid: 'api::article.article', id: 1, documentId: 'a', locale: null, draft: true, updatedAt: 1000, ...overrides });

describe('choosing the entries of one image', () => {
  test('a draft and its published row are one entry: the draft is kept', () => {
    const rows = [head({ id: 2, draft: false, updatedAt: 900 }), head({ id: 1, draft: true })];
    expect(oneRowPerEntry(rows)).toEqual([rows[1]]);
  });

  test('the published row stands in when only it holds the image', () => {
    const rows = [head({ id: 2, draft: false })];
    expect(oneRowPerEntry(rows)).toEqual(rows);
  });

  test('each locale of a document is an entry of its own', () => {
    const rows = [head({ id: 1, locale: 'en' }), head({ id: 3, locale: 'fr' }), head({ id: 4, locale: 'fr', draft: false })];
    expect(oneRowPerEntry(rows).map((row) => row.id)).toEqual([1, 3]);
  });

  test('most recently updated first, ties in uid, documentId, locale order; the rest counted in `more`', () => {
    const rows = [
      head({ id: 1, documentId: 'b', updatedAt: 500 }),
      head({ id: 2, documentId: 'a', updatedAt: 500 }),
      head({ id: 3, documentId: 'z', updatedAt: 900 }),
      head({ id: 4, uid: 'api::page.page', documentId: 'a', updatedAt: 500 }),
      head({ id: 5, documentId: 'c', updatedAt: 100 }),
    ];
    const { kept, more } = chooseEntries(rows, 3);
    expect(kept.map((row) => row.id)).toEqual([3, 2, 1]);
    expect(more).toBe(2);
    expect(chooseEntries([...rows].reverse(), 3)).toEqual({ kept, more }); // whatever order the database returned
  });
});

describe('the order of places within one entry', () => {
  const order = comparePaths(['title', 'body', 'cover', 'sections']);
  test('fields in schema order, then item indexes as numbers', () => {
    const paths = ['sections.10.image', 'cover', 'sections.2.figure.image', 'body', 'sections.2.image', 'unknown'];
    expect([...paths].sort(order)).toEqual(['body', 'cover', 'sections.2.figure.image', 'sections.2.image', 'sections.10.image', 'unknown']);
  });
});
