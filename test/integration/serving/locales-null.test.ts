import type { Core } from '@strapi/strapi';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { createLocales, english, getJson, graphql, localeTextQueries, ROLES, seedFixtures, SERVING_ENV, type Fixtures } from './fixtures';

/** A body with its presigned URLs' signatures left out: two requests a second apart sign differently. */
const unsigned = (body: unknown): unknown => JSON.parse(JSON.stringify(body), (key, value) => (key === 'url' && typeof value === 'string' ? value.split('?')[0] : value));

const DEEP_POPULATE = 'populate[cover]=true&populate[figures][populate][image]=true&populate[seo][populate][metaImage]=true';

/**
 * `locales: null` (the default: the plugin writes `lang` only): a `?locale=` changes nothing and
 * costs nothing, even with locale texts in the table (left by an earlier configuration).
 */
describe('with locales: null, responses are left as they are', () => {
  let app: PlaygroundApp;
  let strapi: Core.Strapi;
  let fixtures: Fixtures;

  beforeAll(async () => {
    app = await bootPlayground({ env: { ...SERVING_ENV, ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: null }) } });
    strapi = app.strapi;
    await createLocales(strapi, ['fr', 'de']);
    fixtures = await seedFixtures(app);
  });
  afterAll(() => app?.stop());

  test('REST entries and upload files: the same body as without a locale, and no lookup', async () => {
    const { result, count } = await localeTextQueries(strapi, async () => ({
      localized: await getJson(app, `/api/articles/${fixtures.article}?locale=fr&${DEEP_POPULATE}`),
      plain: await getJson(app, `/api/articles/${fixtures.article}?${DEEP_POPULATE}`),
      file: await getJson(app, `/api/upload/files/${fixtures.files.cover}?locale=de`),
      files: await getJson(app, '/api/upload/files?locale=fr'),
      page: await getJson(app, '/api/pages?locale=fr&populate=image'),
    }));
    expect(result.localized.status).toBe(200);
    expect(unsigned(result.localized.body)).toEqual(unsigned(result.plain.body));
    expect(result.localized.body.data.cover.alternativeText).toBe('en: cover');
    expect(result.file.body.alternativeText).toBe('en: cover');
    expect(result.files.body.filter((file: any) => Object.values(fixtures.files).includes(file.id)).map((file: any) => file.alternativeText).sort()).toEqual(ROLES.map(english).sort());
    expect(result.page.body.data[0].image.alternativeText).toBe('en: page');
    expect(count).toBe(0);
  });

  test('GraphQL: the stored text, and no lookup', async () => {
    const { result, count } = await localeTextQueries(strapi, () => graphql(app, '{ pages(locale: "fr") { image { alternativeText } } uploadFiles(locale: "de") { alternativeText } }'));
    expect(result.body.data.pages[0].image.alternativeText).toBe('en: page');
    expect(result.body.data.uploadFiles.map((file: any) => file.alternativeText).sort()).toEqual(ROLES.map(english).sort());
    expect(count).toBe(0);
  });
});
