import type { Core } from '@strapi/strapi';
import { createLocaleTextStore } from '../../../server/src/alt-text/locale-texts';
import type { PlaygroundApp } from '../../harness/strapi-app';
import { seedImages } from '../../support/seed';

export const ARTICLE = 'api::article.article';
export const PAGE = 'api::page.page';
export const PRODUCT = 'api::product.product';

/** The images of the fixtures, by their role in the entries. */
export const ROLES = ['cover', 'figure', 'zone', 'nested', 'seo', 'photoA', 'photoB', 'page'] as const;
export type Role = (typeof ROLES)[number];

/** The stored (default locale) text of each image. */
export const english = (role: Role) => `en: ${role}`;
export const inLocale = (locale: string, role: Role) => `${locale}: ${role}`;

/**
 * The locale texts seeded: French for every image but `seo` (no row) and `photoB` (a blank text,
 * which counts as missing); German for `cover` and `photoA` only; Spanish for none.
 */
const LOCALE_TEXTS: Array<[Role, string, string]> = [
  ...ROLES.filter((role) => role !== 'seo' && role !== 'photoB').map((role): [Role, string, string] => [role, 'fr', inLocale('fr', role)]),
  ['photoB', 'fr', '   '],
  ['cover', 'de', inLocale('de', 'cover')],
  ['photoA', 'de', inLocale('de', 'photoA')],
];

/** The alt text a reader of `locale` must get for an image of the fixtures. */
export const expectedText = (locale: string | null, role: Role): string =>
  LOCALE_TEXTS.some(([seeded, seededLocale, text]) => seeded === role && seededLocale === locale && text.trim() !== '') ? inLocale(locale as string, role) : english(role);

/** The texts of the article's images (cover, figure, zone, nested, seo) a reader of `locale` must get. */
export const expectedArticle = (locale: string | null) => Object.fromEntries((['cover', 'figure', 'zone', 'nested', 'seo'] as const).map((role) => [role, expectedText(locale, role)]));

export interface Fixtures {
  files: Record<Role, number>;
  article: string;
  product: string;
  page: string;
}

/** i18n locales (en is the default); the plugin follows them at once (it subscribes to i18n's locale model). */
export const createLocales = async (strapi: Core.Strapi, codes: string[]) => {
  for (const code of codes) await strapi.plugin('i18n').service('locales').create({ code, name: code });
};

/**
 * Images uploaded through the REST API with their English text, the locale texts written with the
 * store's `upsert`, and an article (cover, repeatable component, dynamic zone with a nested
 * component, SEO component), a product (multiple images) and a page in en and fr (i18n), published.
 */
export async function seedFixtures(app: PlaygroundApp, { localeTexts = true } = {}): Promise<Fixtures> {
  const { strapi } = app;
  const ids = await seedImages(app, ROLES.length, 'serving');
  const files = Object.fromEntries(ROLES.map((role, index) => [role, ids[index]])) as Record<Role, number>;
  for (const role of ROLES) {
    await strapi.db.query('plugin::upload.file').update({ where: { id: files[role] }, data: { alternativeText: english(role) } });
  }
  if (localeTexts) {
    const store = createLocaleTextStore(strapi);
    for (const [role, locale, text] of LOCALE_TEXTS) await store.upsert({ fileId: files[role], locale, text, source: 'human' });
  }
  const documents = strapi.documents as unknown as (uid: string) => {
    create(params: Record<string, unknown>): Promise<{ documentId: string }>;
    update(params: Record<string, unknown>): Promise<unknown>;
  };
  const article = await documents(ARTICLE).create({
    status: 'published',
    data: {
      title: 'Blue Ridge',
      cover: files.cover,
      figures: [{ image: files.figure, caption: 'Sunrise' }],
      sections: [
        { __component: 'media.figure', image: files.zone, caption: 'Camp' },
        { __component: 'content.feature', heading: 'Gear', figure: { image: files.nested, caption: 'Boots' } },
      ],
      seo: { metaTitle: 'Hiking', metaImage: files.seo },
    },
  });
  const product = await documents(PRODUCT).create({ data: { name: 'Tent', photos: [files.photoA, files.photoB] } });
  const page = await documents(PAGE).create({ locale: 'en', status: 'published', data: { title: 'Welcome', image: files.page } });
  await documents(PAGE).update({ documentId: page.documentId, locale: 'fr', status: 'published', data: { title: 'Bienvenue', image: files.page } });
  return { files, article: article.documentId, product: product.documentId, page: page.documentId };
}

/** The statements that read the locale texts table while `work` runs. */
export async function localeTextQueries<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<{ result: T; count: number }> {
  let count = 0;
  const listener = (query: { sql?: string }) => {
    if (query.sql?.includes('auto_alt_text_locale_texts')) count += 1;
  };
  strapi.db.connection.on('query', listener);
  try {
    return { result: await work(), count };
  } finally {
    strapi.db.connection.removeListener('query', listener);
  }
}

export interface JsonResponse {
  status: number;
  body: any;
}

export const getJson = async (app: PlaygroundApp, path: string, token = app.apiToken): Promise<JsonResponse> => {
  const response = await fetch(`${app.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
};

export const graphql = async (app: PlaygroundApp, query: string): Promise<JsonResponse> => {
  const response = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.apiToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
};

/** The first admin, registered through the admin API: its token reads the content-manager as the admin panel does. */
export const registerAdmin = async (app: PlaygroundApp): Promise<string> => {
  const response = await fetch(`${app.url}/admin/register-admin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'Admin-password-1', firstname: 'Ada', lastname: 'Admin' }),
  });
  const body = (await response.json()) as { data: { token: string } };
  return body.data.token;
};

export const SERVING_ENV = {
  ALT_TEXT_AUTO_ON_UPLOAD: 'false',
  ALT_TEXT_POLL_INTERVAL_MS: '60000',
  ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: 'i18n' }),
};
