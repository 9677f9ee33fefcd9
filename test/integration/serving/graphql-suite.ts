import type { Core } from '@strapi/strapi';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { ARTICLE, createLocales, expectedArticle, expectedText, graphql, localeTextQueries, ROLES, seedFixtures, SERVING_ENV, type Fixtures, type Role } from './fixtures';

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
 * the root query's `locale`. On SQLite and PostgreSQL: on PostgreSQL the association loads answer on
 * a socket, over several event-loop turns, which is what the batching window is for.
 */
export const servingGraphqlSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'localized alt text in GraphQL responses', () => {
    let app: PlaygroundApp;
    let strapi: Core.Strapi;
    let fixtures: Fixtures;

    beforeAll(async () => {
      app = await bootPlayground({ database, env: SERVING_ENV });
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

    test('a list of articles with every media level: one lookup per locale for the whole response', async () => {
      // Five more articles with the same images: GraphQL loads each article's cover, figures, zone and SEO with its own query.
      const source = (await strapi.documents(ARTICLE as never).findOne({ documentId: fixtures.article, populate: '*' } as never)) as unknown as { title: string };
      const documents = strapi.documents as unknown as (uid: string) => { create(params: Record<string, unknown>): Promise<unknown> };
      for (let copy = 1; copy <= 5; copy += 1) {
        await documents(ARTICLE).create({
          status: 'published',
          data: {
            title: `${source.title} ${copy}`,
            cover: fixtures.files.cover,
            figures: [{ image: fixtures.files.figure, caption: 'Sunrise' }],
            sections: [
              { __component: 'media.figure', image: fixtures.files.zone, caption: 'Camp' },
              { __component: 'content.feature', heading: 'Gear', figure: { image: fixtures.files.nested, caption: 'Boots' } },
            ],
            seo: { metaTitle: 'Hiking', metaImage: fixtures.files.seo },
          },
        });
      }
      const { result, count } = await localeTextQueries(strapi, () => graphql(app, `{ articles(locale: "fr") { ${ARTICLE_MEDIA} } }`));
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data.articles).toHaveLength(6);
      for (const article of result.body.data.articles) expect(articleTexts(article)).toEqual(expectedArticle('fr'));
      // One, or two when a loaded machine stretches a gap between loads past the window (a batch per event-loop turn made it ~30).
      expect(count).toBeLessThanOrEqual(2);
    });
  });
