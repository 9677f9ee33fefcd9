/**
 * The serving phase's side inside a playground app (bench/phases/serving.ts): its content, seeded
 * the same way in every app of the phase, and a statement counter the parent opens and closes
 * around one request. Served by strapi-main.ts next to the other handlers.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { performance } from 'node:perf_hooks';
import { createLocaleTextStore } from '../../server/src/alt-text/locale-texts';
import type { LocaleSet } from '../../server/src/config/locales';
import { createResponseLocalizer } from '../../server/src/serving/localize';
import { collectMediaObjects, type ModelOf } from '../../server/src/serving/media-objects';
import type { PlaygroundApp } from '../../test/harness/strapi-app';
import type { Handlers } from './ipc';

const FILE_UID = 'plugin::upload.file';
const ARTICLE_UID = 'api::article.article';
/** The plugin's table of texts in the locales other than the default (what a serving lookup reads). */
export const LOCALE_TEXT_TABLE = 'auto_alt_text_locale_texts';

/** The stored (English) text of file `i`, and its text in `locale`. */
export const servedText = (locale: string, i: number) => `${locale}: image ${i}`;

/** Which files have a French and a German text: most, not all (the rest are served the default). */
export const hasText = (locale: string, i: number) => (locale === 'fr' ? i % 10 !== 9 : locale === 'de' ? i % 2 === 0 : false);

const documentId = () => randomBytes(18).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 24);

/** Three formats per image, as Strapi makes them for a photo: part of every file object served. */
const formats = (hash: string) =>
  Object.fromEntries(
    (
      [
        ['thumbnail', 156, 117],
        ['small', 500, 375],
        ['medium', 750, 563],
      ] as const
    ).map(([name, width, height]) => [
      name,
      { name: `${name}_${hash}.jpg`, hash: `${name}_${hash}`, ext: '.jpg', mime: 'image/jpeg', path: null, width, height, size: 12.3, sizeInBytes: 12300, url: `/uploads/${name}_${hash}.jpg` },
    ])
  );

/** `statementKey` of strapi-main.ts: a statement's verb and first table. */
const statementKey = (sql: string): string => {
  const text = sql.trim().toLowerCase();
  const verb = text.split(/\s+/)[0];
  const table = /(?:from|into|update)\s+(?:[`"]?[a-z_0-9]+[`"]?\.)?[`"]?([a-z_0-9]+)/.exec(text)?.[1] ?? '?';
  return `${verb} ${table}`;
};

export const servingHandlers = (running: () => PlaygroundApp): Handlers => {
  let counted: string[] | undefined;
  let listening = false;

  return {
    /**
     * `files` file rows (a public provider's: `local`, so Strapi signs no URL and the baseline is
     * as cheap as it gets), each with its English text and, for most, French and German texts in
     * the plugin's table; then `articles` published articles, each using five of them: cover, a
     * figure in `figures`, a `media.figure` in the dynamic zone, the figure nested in a
     * `content.feature` of the zone, the SEO component's image.
     */
    async servingSetup(args) {
      const { strapi } = running();
      const count = Number(args.files ?? 100);
      const articleCount = Number(args.articles ?? 25);
      const now = new Date();
      const rows = Array.from({ length: count }, (_, i) => {
        const hash = `serving_${i}_${randomBytes(4).toString('hex')}`;
        return {
          documentId: documentId(),
          name: `image-${i}.jpg`,
          alternativeText: servedText('en', i),
          caption: null,
          width: 1200,
          height: 900,
          formats: formats(hash),
          hash,
          ext: '.jpg',
          mime: 'image/jpeg',
          size: 123.4,
          url: `/uploads/${hash}.jpg`,
          provider: 'local',
          folderPath: '/',
          createdAt: now,
          updatedAt: now,
          publishedAt: now,
        };
      });
      const files = strapi.db.query(FILE_UID);
      await files.createMany({ data: rows });
      const ids = ((await files.findMany({ select: ['id', 'name'], orderBy: { id: 'asc' } })) as Array<{ id: number; name: string }>).map((row) => row.id);
      if (ids.length !== count) throw new Error(`servingSetup: ${ids.length} file rows, expected ${count}`);
      const store = createLocaleTextStore(strapi);
      for (const [i, fileId] of ids.entries()) {
        for (const locale of ['fr', 'de']) if (hasText(locale, i)) await store.upsert({ fileId, locale, text: servedText(locale, i), source: 'human' });
      }
      const documents = strapi.documents as unknown as (uid: string) => { create(params: Record<string, unknown>): Promise<{ documentId: string }> };
      const image = (article: number, slot: number) => ids[(article * 5 + slot) % count];
      for (let a = 0; a < articleCount; a++) {
        await documents(ARTICLE_UID).create({
          status: 'published',
          data: {
            title: `Trail ${a}`,
            cover: image(a, 0),
            figures: [{ image: image(a, 1), caption: `Figure ${a}` }],
            sections: [
              { __component: 'media.figure', image: image(a, 2), caption: `Camp ${a}` },
              { __component: 'content.feature', heading: `Gear ${a}`, figure: { image: image(a, 3), caption: `Boots ${a}` } },
            ],
            seo: { metaTitle: `Trail ${a}`, metaDescription: 'A day on the trail.', metaImage: image(a, 4) },
          },
        });
      }
      return { files: count, articles: articleCount, imagesPerArticle: 5 };
    },

    /**
     * Serving's own work, called from the plugin's sources on read results held in memory (no HTTP,
     * no Strapi read): the schema walk alone (`collectMediaObjects`), and the whole `localize` (walk,
     * one lookup, rewrite) for the 25 articles as REST populates them and for the 100 files. µs per
     * call, `reps` calls of each, interleaved, after one warm-up.
     */
    async servingPieces(args) {
      const { strapi } = running();
      const reps = Number(args.reps ?? 100);
      const populate = {
        cover: true,
        figures: { populate: { image: true } },
        sections: { on: { 'media.figure': { populate: { image: true } }, 'content.feature': { populate: { figure: { populate: { image: true } } } } } },
        seo: { populate: { metaImage: true } },
      };
      const documents = strapi.documents as unknown as (uid: string) => { findMany(params: Record<string, unknown>): Promise<unknown[]> };
      const articles = await documents(ARTICLE_UID).findMany({ status: 'published', populate, limit: 25 });
      const files = await strapi.db.query(FILE_UID).findMany({});
      const locales = strapi.plugin('auto-alt-text').service('locales') as { set(): Promise<LocaleSet> };
      const localizer = createResponseLocalizer(strapi, () => locales.set());
      const modelOf: ModelOf = (uid) => strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]) as unknown as ReturnType<ModelOf>;
      const cases = {
        walkArticles: () => collectMediaObjects(articles, ARTICLE_UID, modelOf).length,
        walkFiles: () => collectMediaObjects(files, FILE_UID, modelOf).length,
        localizeArticles: () => localizer.localize(articles, ARTICLE_UID, 'fr'),
        localizeFiles: () => localizer.localize(files, FILE_UID, 'fr'),
      };
      const objects = { articles: await cases.localizeArticles(), files: await cases.localizeFiles() };
      const micros = Object.fromEntries(Object.keys(cases).map((name) => [name, [] as number[]]));
      for (let rep = 0; rep < reps; rep++) {
        for (const [name, run] of Object.entries(cases)) {
          const t = performance.now();
          await run();
          micros[name].push((performance.now() - t) * 1000);
        }
      }
      return { reps, objects, micros };
    },

    /** Starts recording every statement Strapi's connection sends (the parent then makes one request). */
    countStart() {
      const knex = (running().strapi as Core.Strapi).db.connection;
      if (!listening) {
        listening = true;
        knex.on('query', (query: { sql?: string }) => {
          if (counted && query.sql) counted.push(query.sql);
        });
      }
      counted = [];
    },

    /** Stops recording: the statements since `countStart`, by key, and how many read the locale texts. */
    countStop() {
      const statements = counted ?? [];
      counted = undefined;
      return {
        total: statements.length,
        localeTexts: statements.filter((sql) => sql.includes(LOCALE_TEXT_TABLE)).length,
        keys: statements.map(statementKey),
      };
    },
  };
};
