import { assembleContext, keywordsOf, type AssembleInput } from '../../../server/src/context/assemble';
import type { Use } from '../../../server/src/context/climb';
import type { EntryRow } from '../../../server/src/context/entry-rows';
import { urlNamesFile, type FileKeys } from '../../../server/src/context/file-match';
import { holderText } from '../../../server/src/context/holder';
import type { Attribute, Model } from '../../../server/src/context/schema-map';

const FILE: FileKeys = { id: 7, hash: 'trail_4f2a9c', ext: '.png', url: '/uploads/trail_4f2a9c.png' };

const attribute = (type: string): Attribute => ({ type, components: [], list: false, private: false });
const ARTICLE: Model = {
  uid: 'api::article.article',
  kind: 'contentType',
  table: 'articles',
  displayName: 'Article',
  localized: false,
  attributes: new Map([['title', attribute('string')], ['body', attribute('blocks')], ['notes', attribute('richtext')], ['cover', attribute('media')]]),
  columns: new Map([['title', 'title'], ['body', 'body'], ['notes', 'notes']]),
  componentTable: null,
};

const row = (values: Record<string, unknown>, seo: EntryRow['seo'] = null): EntryRow => ({ uid: ARTICLE.uid, id: 1, documentId: 'doc1', locale: null, draft: true, updatedAt: 0, values, seo });
const use = (path: string, holder: Use['holder'] = null): Use => ({ uid: ARTICLE.uid, id: 1, path, fileId: FILE.id, holder });
const input = (overrides: Partial<AssembleInput>): AssembleInput => ({
  shape: { model: ARTICLE, attributes: ['title', 'body', 'notes'], seo: null },
  row: row({ title: 'Blue Ridge trail' }),
  uses: [use('cover')],
  file: FILE,
  titleField: 'title',
  ecommerce: undefined,
  ...overrides,
});

describe('one entry\'s context for one image', () => {
  test('the caption of the holding component comes first, then the rich text around the image; the component\'s link wins', () => {
    const body = [{ type: 'paragraph', children: [{ type: 'text', text: 'Before.' }] }, { type: 'image', image: { hash: FILE.hash, url: 'x' }, children: [] }];
    const notes = `[![x](http://localhost:1337${FILE.url})](https://elsewhere.example)\n\nAfter the notes image.`;
    const context = assembleContext(input({
      row: row({ title: 'Blue Ridge trail', body, notes }),
      uses: [use('figures.0.image', { texts: ['Sunrise'], link: 'https://example.com/ridge' })],
    }));
    expect(context).toMatchObject({ title: 'Blue Ridge trail', nearbyText: 'Sunrise\nBefore.\nAfter the notes image.', link: 'https://example.com/ridge', field: 'figures.0.image' });
  });

  test('with no component link, the Markdown link is the image\'s; an image only in rich text is placed in that field', () => {
    const notes = `[![x](${FILE.url})](https://maps.example.com)`;
    expect(assembleContext(input({ row: row({ notes }), uses: [] }))).toMatchObject({ link: 'https://maps.example.com', field: 'notes', title: null });
  });

  test('an SEO component with nothing in it is no SEO; keywords split on commas and semicolons, once each', () => {
    expect(assembleContext(input({ row: row({}, { metaTitle: ' ', metaDescription: null, keywords: '' }) })).seo).toBeNull();
    expect(keywordsOf('hiking, trail;hiking\n boots ')).toEqual(['hiking', 'trail', 'boots']);
    expect(keywordsOf(['a', 3, { no: 1 }])).toEqual(['a', '3']);
    expect(keywordsOf({ not: 'keywords' })).toEqual([]);
  });

  test('mapped product facts are read from the row; empty ones are left out', () => {
    const context = assembleContext(input({ row: row({ title: 'Runner', brand: 'Acme', colour: '' }), ecommerce: { product: 'title', brand: 'brand', color: 'colour' } }));
    expect(context.ecommerce).toEqual({ product: 'Runner', brand: 'Acme' });
  });
});

describe('the holding component\'s words', () => {
  test('short texts are the caption; a field named as a link, or a URL, is the link', () => {
    expect(holderText([['caption', 'Sunrise  over\nthe ridge'], ['link', 'trails/blue-ridge'], ['credit', 'https://photos.example/1'], ['empty', '']])).toEqual({
      texts: ['Sunrise over the ridge'],
      link: 'trails/blue-ridge',
    });
  });
});

describe('a URL in content names a file', () => {
  test('by the same URL, by its stored path under any host, or by a resized format of it', () => {
    expect(urlNamesFile('/uploads/trail_4f2a9c.png', FILE)).toBe(true);
    expect(urlNamesFile('http://localhost:1337/uploads/trail_4f2a9c.png?v=2', FILE)).toBe(true);
    expect(urlNamesFile('https://cdn.example.com/x/medium_trail_4f2a9c.png', FILE)).toBe(true);
    expect(urlNamesFile('https://cdn.example.com/x/trail_4f2a9c.jpg', FILE)).toBe(false);
    expect(urlNamesFile('https://cdn.example.com/x/other_trail_4f2a9cd.png', FILE)).toBe(false);
    expect(urlNamesFile('https://cdn.example.com/%E0%A4%A', FILE)).toBe(false);
  });
});
