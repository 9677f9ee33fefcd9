import type { Core } from '@strapi/strapi';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { captureLogs } from '../../support/log-capture';
import { ARTICLE, createLocales, english, expectedArticle, expectedText, getJson, localeTextQueries, PAGE, registerAdmin, ROLES, seedFixtures, SERVING_ENV, type Fixtures } from './fixtures';

/** Every media level of the article: a single image, a repeatable component, both dynamic-zone components (one nested) and the SEO component. */
const DEEP_POPULATE = [
  'populate[cover]=true',
  'populate[figures][populate][image]=true',
  'populate[sections][on][media.figure][populate][image]=true',
  'populate[sections][on][content.feature][populate][figure][populate][image]=true',
  'populate[seo][populate][metaImage]=true',
].join('&');

/** The alt texts of the article's images, by role, as a front end reads them. */
const articleTexts = (article: any) => ({
  cover: article.cover?.alternativeText,
  figure: article.figures?.[0]?.image?.alternativeText,
  zone: article.sections?.[0]?.image?.alternativeText,
  nested: article.sections?.[1]?.figure?.image?.alternativeText,
  seo: article.seo?.metaImage?.alternativeText,
});

/**
 * REST content-API reads with `?locale=` (issue 14, serving): the real app over HTTP, images
 * uploaded through the API, locale texts written with the store, entries with the Document Service.
 */
export const servingRestSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'localized alt text in REST responses', () => {
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

    test('an entry read with locale=fr&populate=cover gets the French text, in one query', async () => {
      const { result, count } = await localeTextQueries(strapi, () => getJson(app, `/api/articles/${fixtures.article}?locale=fr&populate=cover`));
      expect(result.status).toBe(200);
      expect(result.body.data.cover.alternativeText).toBe('fr: cover');
      expect(count).toBe(1);
    });

    test('components, dynamic zones and a component nested in one: every image in the locale, one query for all', async () => {
      const { result, count } = await localeTextQueries(strapi, () => getJson(app, `/api/articles?locale=fr&${DEEP_POPULATE}`));
      expect(result.status).toBe(200);
      expect(articleTexts(result.body.data[0])).toEqual(expectedArticle('fr'));
      // The SEO image has no French text: it keeps the English one in the same response.
      expect(articleTexts(result.body.data[0]).seo).toBe('en: seo');
      expect(count).toBe(1);
    });

    test('populate=* localizes the first level it populates', async () => {
      const { status, body } = await getJson(app, `/api/articles/${fixtures.article}?locale=de&populate=*`);
      expect(status).toBe(200);
      expect(body.data.cover.alternativeText).toBe('de: cover');
      expect(body.data.figures).toHaveLength(1);
    });

    test('a multiple-image field: each image its own locale text, or the default when it has none (or a blank one)', async () => {
      const fr = await getJson(app, `/api/products/${fixtures.product}?locale=fr&populate=photos`);
      const de = await getJson(app, `/api/products/${fixtures.product}?locale=de&populate=photos`);
      expect(fr.body.data.photos.map((photo: any) => photo.alternativeText)).toEqual(['fr: photoA', 'en: photoB']);
      expect(de.body.data.photos.map((photo: any) => photo.alternativeText)).toEqual(['de: photoA', 'en: photoB']);
    });

    test('a localized type: the French page carries its image in French', async () => {
      const { status, body } = await getJson(app, `/api/pages?locale=fr&populate=image`);
      expect(status).toBe(200);
      expect(body.data).toHaveLength(1);
      expect(body.data[0]).toMatchObject({ title: 'Bienvenue', locale: 'fr', image: { alternativeText: 'fr: page' } });
    });

    test('a locale with no text, and a locale the plugin does not write, get the default text with a 200', async () => {
      const spanish = await getJson(app, `/api/articles?locale=es&${DEEP_POPULATE}`);
      const unknown = await getJson(app, `/api/articles?locale=xx&${DEEP_POPULATE}`);
      expect(spanish.status).toBe(200);
      expect(unknown.status).toBe(200);
      expect(articleTexts(spanish.body.data[0])).toEqual(expectedArticle(null));
      expect(articleTexts(unknown.body.data[0])).toEqual(expectedArticle(null));
    });

    test('the default locale, or no locale at all, reads nothing more', async () => {
      for (const path of [`/api/articles?locale=en&${DEEP_POPULATE}`, `/api/articles?${DEEP_POPULATE}`, `/api/upload/files?locale=en`]) {
        const { result, count } = await localeTextQueries(strapi, () => getJson(app, path));
        expect(result.status).toBe(200);
        expect(count).toBe(0);
      }
      const { body } = await getJson(app, `/api/articles?${DEEP_POPULATE}`);
      expect(articleTexts(body.data[0])).toEqual(expectedArticle(null));
    });

    test('a single type reads with findFirst: its images are localized too', async () => {
      // The playground has no single type; its core controller reads through findFirst, done here in a content-API request.
      const request = { path: '/api/home', query: { locale: 'fr' }, state: { route: { info: { type: 'content-api' } } } };
      let entry: any;
      await strapi.requestContext.run(request as never, async () => {
        entry = await strapi.documents(ARTICLE).findFirst({ locale: 'fr', populate: { cover: true } } as never);
      });
      expect(entry.cover.alternativeText).toBe('fr: cover');
    });

    test('GET /api/upload/files and /files/:id with ?locale=de: German where there is German', async () => {
      const list = await getJson(app, '/api/upload/files?locale=de');
      expect(list.status).toBe(200);
      const byId = new Map<number, string>(list.body.map((file: any) => [file.id, file.alternativeText]));
      expect(ROLES.map((role) => byId.get(fixtures.files[role]))).toEqual(ROLES.map((role) => expectedText('de', role)));

      const { result: one, count } = await localeTextQueries(strapi, () => getJson(app, `/api/upload/files/${fixtures.files.cover}?locale=de`));
      expect(one.status).toBe(200);
      expect(one.body.alternativeText).toBe('de: cover');
      expect(count).toBe(1);

      const page = await getJson(app, '/api/upload/files/page?locale=fr');
      expect(page.status).toBe(200);
      expect(page.body.data.find((file: any) => file.id === fixtures.files.figure).alternativeText).toBe('fr: figure');
    });

    test("the admin's content-manager and Media Library keep the stored text, whatever the locale", async () => {
      const token = await registerAdmin(app);
      const article = await getJson(app, `/content-manager/collection-types/${ARTICLE}/${fixtures.article}?locale=fr`, token);
      expect(article.status).toBe(200);
      expect(article.body.data.cover.alternativeText).toBe('en: cover');
      expect(article.body.data.figures[0].image.alternativeText).toBe('en: figure');
      const page = await getJson(app, `/content-manager/collection-types/${PAGE}/${fixtures.page}?locale=fr`, token);
      expect(page.status).toBe(200);
      expect(page.body.data).toMatchObject({ locale: 'fr', image: { alternativeText: 'en: page' } });
      const library = await getJson(app, `/upload/files?locale=fr&pageSize=100`, token);
      expect(library.status).toBe(200);
      expect(library.body.results.find((file: any) => file.id === fixtures.files.cover).alternativeText).toBe('en: cover');
    });

    test('when the locale texts cannot be read, the front end still gets the default text (a 200) and the log says why', async () => {
      const logs = captureLogs(strapi);
      await strapi.db.connection.schema.renameTable('auto_alt_text_locale_texts', 'auto_alt_text_locale_texts_away');
      try {
        const entry = await getJson(app, `/api/articles/${fixtures.article}?locale=fr&${DEEP_POPULATE}`);
        const file = await getJson(app, `/api/upload/files/${fixtures.files.cover}?locale=fr`);
        expect([entry.status, file.status]).toEqual([200, 200]);
        expect(articleTexts(entry.body.data)).toEqual(expectedArticle(null));
        expect(file.body.alternativeText).toBe('en: cover');
      } finally {
        await strapi.db.connection.schema.renameTable('auto_alt_text_locale_texts_away', 'auto_alt_text_locale_texts');
        logs.restore();
      }
      expect(logs.lines.filter((line) => line.includes('alt text in "fr" could not be read, the default text is served'))).toHaveLength(2);
    });

    test('serving writes nothing: the stored texts are what they were', async () => {
      const rows = (await strapi.db.query('plugin::upload.file').findMany({ where: { id: { $in: Object.values(fixtures.files) } } })) as Array<{ id: number; alternativeText: string }>;
      const stored = new Map(rows.map((row) => [row.id, row.alternativeText]));
      expect(ROLES.map((role) => stored.get(fixtures.files[role]))).toEqual(ROLES.map(english));
    });
  });
