import { collectMediaObjects, FILE_UID, type ModelOf, type WalkedAttribute } from '../../../server/src/serving/media-objects';

/** The playground's article, its components, a relation and a morph relation: the schemas the walk reads. */
const MODELS: Record<string, Record<string, WalkedAttribute>> = {
  'api::article.article': {
    title: { type: 'string' },
    body: { type: 'blocks' },
    data: { type: 'json' },
    cover: { type: 'media' },
    gallery: { type: 'media' },
    figures: { type: 'component', component: 'media.figure' },
    sections: { type: 'dynamiczone' },
    author: { type: 'relation', relation: 'manyToOne', target: 'api::author.author' },
    attachment: { type: 'relation', relation: 'oneToOne', target: FILE_UID },
    mentions: { type: 'relation', relation: 'morphToMany' },
  },
  'api::author.author': { name: { type: 'string' }, portrait: { type: 'media' } },
  'media.figure': { image: { type: 'media' }, caption: { type: 'string' } },
  'content.feature': { heading: { type: 'string' }, figure: { type: 'component', component: 'media.figure' } },
};
const modelOf: ModelOf = (uid) => (MODELS[uid] ? { attributes: MODELS[uid] } : undefined);

let nextId = 1;
const file = (text: string | null = 'stored text') => ({ id: nextId++, name: `f${nextId}.png`, mime: 'image/png', url: `/uploads/f${nextId}.png`, alternativeText: text });

const ids = (objects: Array<{ id: number }>) => objects.map((object) => object.id).sort((a, b) => a - b);

describe('the files of a read result are found through its schema', () => {
  test('single and multiple media, repeatable components, dynamic zones and a component nested in one', () => {
    const [cover, first, second, figure, zone, nested] = [file(), file(), file(), file(), file(), file()];
    const article = {
      id: 1,
      title: 'Blue Ridge',
      cover,
      gallery: [first, second],
      figures: [{ id: 1, image: figure, caption: 'x' }],
      sections: [
        { __component: 'media.figure', id: 2, image: zone },
        { __component: 'content.feature', id: 3, heading: 'Gear', figure: { id: 4, image: nested } },
      ],
    };
    expect(ids(collectMediaObjects([article], 'api::article.article', modelOf))).toEqual(ids([cover, first, second, figure, zone, nested]));
  });

  test('relations are followed into their target (to any depth), a relation to files and morph relations too', () => {
    const [portrait, attachment, mentioned] = [file(), file(), file()];
    const article = {
      id: 1,
      author: { id: 7, name: 'Ada', portrait },
      attachment,
      mentions: [{ __type: 'api::author.author', id: 8, portrait: mentioned }, { __type: 'api::unknown.thing', id: 9, portrait: file() }],
    };
    expect(ids(collectMediaObjects(article, 'api::article.article', modelOf))).toEqual(ids([portrait, attachment, mentioned]));
  });

  test('a JSON value or a Blocks image shaped like a file is not a file', () => {
    const shaped = file();
    const blocksImage = file();
    const article = { id: 1, data: { cover: shaped, list: [shaped] }, body: [{ type: 'image', image: blocksImage, children: [] }] };
    expect(collectMediaObjects(article, 'api::article.article', modelOf)).toEqual([]);
  });

  test('a __component key is honoured only in a dynamic zone', () => {
    const article = { id: 1, data: { __component: 'media.figure', image: file() } };
    expect(collectMediaObjects(article, 'api::article.article', modelOf)).toEqual([]);
  });

  test('a file whose alternativeText `fields` left out, or whose id is not a number, is not rewritten', () => {
    const { alternativeText: _left, ...withoutText } = file();
    expect(collectMediaObjects({ id: 1, cover: withoutText, gallery: [{ ...file(), id: 'x' }] }, 'api::article.article', modelOf)).toEqual([]);
  });

  test('the same file twice gives both objects (each is rewritten), and a read of files themselves is the files', () => {
    const shared = file();
    const copy = { ...shared };
    expect(collectMediaObjects({ id: 1, cover: shared, figures: [{ id: 2, image: copy }] }, 'api::article.article', modelOf)).toEqual([shared, copy]);
    const files = [file(), file(null)];
    expect(collectMediaObjects(files, FILE_UID, modelOf)).toEqual(files);
  });

  test('null, unpopulated and unknown values are passed over; a cycle does not loop', () => {
    const author: Record<string, unknown> = { id: 7, portrait: file() };
    const article = { id: 1, cover: null, figures: [], author, sections: [{ __component: 'nope.nope', image: file() }] };
    author.back = article;
    expect(collectMediaObjects(article, 'api::article.article', modelOf)).toHaveLength(1);
    expect(collectMediaObjects(null, 'api::article.article', modelOf)).toEqual([]);
    expect(collectMediaObjects({ id: 1 }, 'api::nothing.nothing', modelOf)).toEqual([]);
  });
});
