import type { EntryContext } from '../../../server/src/providers/types';
import { contextChars, cutAtWord, fitEntries, fitEntry } from '../../../server/src/context/text';

const entry = (overrides: Partial<EntryContext> = {}): EntryContext => ({
  uid: 'api::article.article',
  documentId: 'doc1',
  locale: null,
  typeName: 'Article',
  title: 'Blue Ridge trail',
  nearbyText: 'We set off from the gap at dawn and walked the ridge until the fog lifted over the valley.',
  link: 'https://example.com/ridge',
  seo: { metaTitle: 'Hiking the Blue Ridge', metaDescription: 'Two days on the Appalachian trail, with maps.', keywords: ['hiking', 'Appalachians', 'trail'] },
  ecommerce: null,
  field: 'cover',
  ...overrides,
});

describe('cutting text at word boundaries', () => {
  test('keeps text that fits, cuts after the last whole word and marks the cut', () => {
    expect(cutAtWord('short', 10)).toBe('short');
    expect(cutAtWord('We set off at dawn', 12)).toBe('We set off…');
    expect(cutAtWord('We set off at dawn', 12).length).toBeLessThanOrEqual(12);
    expect(cutAtWord('line one\nline two', 11)).toBe('line one…');
  });

  test('a first word longer than the room leaves nothing rather than half a word', () => {
    expect(cutAtWord('Supercalifragilistic word', 10)).toBe('');
    expect(cutAtWord('anything', 1)).toBe('');
  });
});

describe('the character budget of one image', () => {
  test('counts every text a provider may send, and nothing else', () => {
    const counted = entry({ ecommerce: { brand: 'Acme' } });
    const texts = ['Article', 'Blue Ridge trail', counted.nearbyText!, 'https://example.com/ridge', 'Hiking the Blue Ridge', counted.seo!.metaDescription!, 'hiking', 'Appalachians', 'trail', 'Acme'];
    expect(contextChars(counted)).toBe(texts.join('').length);
  });

  test('an entry that fits is left as it is', () => {
    expect(fitEntry(entry(), 1000)).toEqual(entry());
  });

  test('short facts come first, the long texts take what is left, links and keywords are whole or gone', () => {
    const fitted = fitEntry(entry(), 80);
    expect(contextChars(fitted)).toBeLessThanOrEqual(80);
    expect(fitted).toMatchObject({ typeName: 'Article', title: 'Blue Ridge trail', link: 'https://example.com/ridge', seo: { metaTitle: 'Hiking the Blue Ridge', metaDescription: null } });
    for (const keyword of fitted.seo!.keywords) expect(entry().seo!.keywords).toContain(keyword);
    const tiny = fitEntry(entry(), 30);
    expect(tiny.link).toBeNull(); // 25 characters did not fit after the type and title
    expect(contextChars(tiny)).toBeLessThanOrEqual(30);
  });

  test('several entries share the budget, and what one leaves passes on to the next', () => {
    const small = entry({ title: 'A', nearbyText: null, link: null, seo: null });
    const [first, second] = fitEntries([small, entry()], 150);
    expect(first).toEqual(small);
    expect(contextChars(first) + contextChars(second)).toBeLessThanOrEqual(150);
    expect(contextChars(second)).toBeGreaterThan(150 / 2); // more than an even split: the first left room
  });
});
