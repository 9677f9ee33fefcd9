import type { Core } from '@strapi/strapi';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { createLocales, expectedArticle, expectedText, graphql, localeTextQueries, ROLES, seedFixtures, SERVING_ENV, type Fixtures, type Role } from './fixtures';

/** Every media level of the article, as GraphQL selects it. */
const ARTICLE_MEDIA = `
  cover { alternativeText }
  figures { image { alternativeText } }
  sections {
    ... on ComponentMediaFigure { image { alternativeText } }
    ... on ComponentContentFeature { figure { image { alternativeText } } }
  }
  seo { metaImage { alternativeText } }`;

const articleTexts = (article: any) => ({
  cover: article.cover.alternativeText,
  figure: article.figures[0].image.alternativeText,
  zone: article.sections[0].image.alternativeText,
  nested: article.sections[1].figure.image.alternativeText,
  seo: article.seo.metaImage.alternativeText,
});

/**
 * GraphQL (@strapi/plugin-graphql, enabled in the playground): its media, components and dynamic
 * zones are loaded past the Document Service, so the `UploadFile.alternativeText` field answers in
 * the root query's `locale`.
 */
describe('localized alt text in GraphQL responses', () => {
  let app: PlaygroundApp;
  let strapi: Core.Strapi;
  let fixtures: Fixtures;

  beforeAll(async () => {
    app = await bootPlayground({ env: SERVING_ENV });
    strapi = app.strapi;
    await createLocales(strapi, ['fr', 'de', 'es']);
    fixtures = await seedFixtures(app);
  });
  afterAll(() => app?.stop());

  test('a localized type queried with locale: "fr" gets its image in French', async () => {
    const { status, body } = await graphql(app, '{ pages(locale: "fr") { title locale image { alternativeText } } }');
    expect(status).toBe(200);
    expect(body.data.pages).toEqual([{ title: 'Bienvenue', locale: 'fr', image: { alternativeText: 'fr: page' } }]);
  });

  test('components, dynamic zones and a nested component: every image in the locale, the default where it has none', async () => {
    const fr = await graphql(app, `{ articles(locale: "fr") { ${ARTICLE_MEDIA} } }`);
    expect(fr.body.errors).toBeUndefined();
    expect(articleTexts(fr.body.data.articles[0])).toEqual(expectedArticle('fr'));
    const de = await graphql(app, `{ article(documentId: "${fixtures.article}", locale: "de") { ${ARTICLE_MEDIA} } }`);
    expect(articleTexts(de.body.data.article)).toEqual(expectedArticle('de'));
  });

  test('a locale with no text, one the plugin does not write, or none at all: the default text, and no lookup without a locale', async () => {
    const spanish = await graphql(app, `{ articles(locale: "es") { ${ARTICLE_MEDIA} } }`);
    const unknown = await graphql(app, `{ articles(locale: "xx") { ${ARTICLE_MEDIA} } }`);
    expect(articleTexts(spanish.body.data.articles[0])).toEqual(expectedArticle(null));
    expect(articleTexts(unknown.body.data.articles[0])).toEqual(expectedArticle(null));
    const { result: none, count } = await localeTextQueries(strapi, () => graphql(app, `{ articles { ${ARTICLE_MEDIA} } }`));
    expect(articleTexts(none.body.data.articles[0])).toEqual(expectedArticle(null));
    expect(count).toBe(0);
  });

  test('a multiple-image field', async () => {
    const { body } = await graphql(app, '{ products(locale: "de") { photos { alternativeText } } }');
    expect(body.data.products[0].photos.map((photo: any) => photo.alternativeText)).toEqual(['de: photoA', 'en: photoB']);
  });

  test('uploadFiles, uploadFiles_connection and uploadFile take a locale; the files of one list share one lookup', async () => {
    const { result: list, count } = await localeTextQueries(strapi, () => graphql(app, '{ uploadFiles(locale: "de", pagination: { limit: 100 }) { documentId alternativeText } }'));
    expect(list.body.errors).toBeUndefined();
    const documentIds = (await strapi.db.query('plugin::upload.file').findMany({ where: { id: { $in: Object.values(fixtures.files) } } })) as Array<{ id: number; documentId: string }>;
    const roleOf = new Map(documentIds.map((row) => [row.documentId, ROLES.find((role) => fixtures.files[role] === row.id) as Role]));
    for (const file of list.body.data.uploadFiles) expect(file.alternativeText).toBe(expectedText('de', roleOf.get(file.documentId) as Role));
    expect(list.body.data.uploadFiles).toHaveLength(ROLES.length);
    expect(count).toBe(1);

    const cover = documentIds.find((row) => row.id === fixtures.files.cover)?.documentId;
    const one = await graphql(app, `{ uploadFile(documentId: "${cover}", locale: "de") { alternativeText } }`);
    expect(one.body.data.uploadFile.alternativeText).toBe('de: cover');
    const connection = await graphql(app, '{ uploadFiles_connection(locale: "fr", pagination: { limit: 100 }) { nodes { documentId alternativeText } } }');
    expect(connection.body.data.uploadFiles_connection.nodes.find((file: any) => file.documentId === cover).alternativeText).toBe('fr: cover');
  });

  test('two root queries in two locales in one request: each answers in its own', async () => {
    const { body } = await graphql(app, `{ fr: articles(locale: "fr") { cover { alternativeText } } de: articles(locale: "de") { cover { alternativeText } } en: articles { cover { alternativeText } } }`);
    expect(body.data).toEqual({
      fr: [{ cover: { alternativeText: 'fr: cover' } }],
      de: [{ cover: { alternativeText: 'de: cover' } }],
      en: [{ cover: { alternativeText: 'en: cover' } }],
    });
  });
});
