import type { Core } from '@strapi/strapi';
import { contextChars, createContextResolver, type ContextResolver } from '../../../server/src/context';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { heading, imageBlock, paragraph } from '../../support/blocks';
import { solidPng } from '../../support/images';
import { recordQueries } from '../../support/query-log';
import { uploadThroughApi } from '../../support/upload';

const ARTICLE = 'api::article.article';
const PAGE = 'api::page.page';
const PRODUCT = 'api::product.product';
const OPTIONS = {
  maxEntries: 3,
  maxChars: 2000,
  ecommerce: { [PRODUCT]: { product: 'name', brand: 'brand', color: 'colour', material: 'material' } },
};

type FileRow = Record<string, unknown> & { id: number; url: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Context resolution on a real Strapi: entries are written through the Document Service as the
 * admin would, images uploaded through the REST API, and the resolver reads them back. One file per
 * database (resolution-*.test.ts) so jest runs the databases in parallel.
 */
export const contextResolutionSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'context resolution', () => {
    let app: PlaygroundApp;
    let strapi: Core.Strapi;
    let resolver: ContextResolver;
    const files: Record<string, FileRow> = {};
    let article: string;

    const upload = async (name: string, shade: number): Promise<FileRow> => {
      const result = await uploadThroughApi(app, { bytes: await solidPng(80, 80, { r: shade, g: 120, b: 200 - shade }), name, mime: 'image/png' });
      expect(result.status).toBe(201);
      return (await strapi.db.query('plugin::upload.file').findOne({ where: { id: result.files[0].id } })) as FileRow;
    };

    beforeAll(async () => {
      app = await bootPlayground({ database, env: { ALT_TEXT_AUTO_ON_UPLOAD: 'false', ALT_TEXT_POLL_INTERVAL_MS: '60000' } });
      strapi = app.strapi;
      resolver = createContextResolver(strapi, OPTIONS);
      // One at a time: the first upload creates the "API Uploads" folder, and concurrent ones race to.
      for (const [index, name] of ['cover', 'figure', 'zone', 'nested', 'inline', 'body-only', 'page', 'product'].entries()) {
        files[name] = await upload(`${name}.png`, index * 20);
      }
      const created = await strapi.documents(ARTICLE).create({
        data: {
          title: 'Blue Ridge trail',
          cover: files.cover.id,
          body: [
            heading('Day one'),
            paragraph('We set off from the gap at dawn.'),
            imageBlock(files.cover),
            paragraph('The ridge opens onto the valley.'),
            heading('Day two'),
            imageBlock(files['body-only']),
            paragraph('Fog filled the hollows below the shelter.'),
          ],
          figures: [{ image: files.figure.id, caption: 'Sunrise over the ridge', link: 'https://example.com/ridge' }],
          sections: [
            { __component: 'media.figure', image: files.zone.id, caption: 'Camp under the stars' },
            { __component: 'content.feature', heading: 'Gear', figure: { image: files.nested.id, caption: 'Boots drying by the fire' } },
          ],
          seo: { metaTitle: 'Hiking the Blue Ridge', metaDescription: 'Two days on the trail.', keywords: 'hiking, Appalachians, trail' },
        } as never,
      });
      article = created.documentId;
      await strapi.documents(ARTICLE).publish({ documentId: article });
      // The draft moves on after publishing: its words are the ones context must report.
      await strapi.documents(ARTICLE).update({
        documentId: article,
        data: { seo: { metaTitle: 'Hiking the Blue Ridge', metaDescription: 'Two days on the trail, revised.', keywords: 'hiking, Appalachians, trail' } } as never,
      });
    });
    afterAll(() => app?.stop());

    test('an image used as an article\'s cover gets its title, type name, SEO keywords and the Blocks text around it', async () => {
      const { entries, more } = await resolver.forFile(files.cover.id);
      expect(more).toBe(0);
      expect(entries).toEqual([
        {
          uid: ARTICLE,
          documentId: article,
          locale: null,
          typeName: 'Article',
          title: 'Blue Ridge trail',
          nearbyText: 'Day one\nWe set off from the gap at dawn.\nThe ridge opens onto the valley.',
          link: null,
          seo: { metaTitle: 'Hiking the Blue Ridge', metaDescription: 'Two days on the trail, revised.', keywords: ['hiking', 'Appalachians', 'trail'] },
          ecommerce: null,
          field: 'cover',
        },
      ]);
    });

    test('a draft and its published version count once: the draft is the one described', async () => {
      const published = await strapi.documents(ARTICLE).findOne({ documentId: article, status: 'published', populate: ['seo'] });
      expect((published as unknown as { seo: { metaDescription: string } }).seo.metaDescription).toBe('Two days on the trail.');
      const { entries } = await resolver.forFile(files.figure.id);
      expect(entries.map((entry) => [entry.documentId, entry.seo?.metaDescription])).toEqual([[article, 'Two days on the trail, revised.']]);
    });

    test('an image in a media.figure component gets its caption and its link', async () => {
      const { entries } = await resolver.forFile(files.figure.id);
      expect(entries[0]).toMatchObject({ uid: ARTICLE, title: 'Blue Ridge trail', field: 'figures.0.image', nearbyText: 'Sunrise over the ridge', link: 'https://example.com/ridge' });
    });

    test('images in a dynamic zone, and in a component nested in one, are resolved up to the article', async () => {
      const zone = await resolver.forFile(files.zone.id);
      const nested = await resolver.forFile(files.nested.id);
      expect(zone.entries.map(({ documentId, field, nearbyText }) => ({ documentId, field, nearbyText }))).toEqual([
        { documentId: article, field: 'sections.0.image', nearbyText: 'Camp under the stars' },
      ]);
      expect(nested.entries.map(({ documentId, field, nearbyText }) => ({ documentId, field, nearbyText }))).toEqual([
        { documentId: article, field: 'sections.1.figure.image', nearbyText: 'Boots drying by the fire' },
      ]);
    });

    test('forEntry lists every image of the article, the one only inside its Blocks body too', async () => {
      const images = await resolver.forEntry(ARTICLE, article);
      // In the edit view's order: the schema puts `body` before `cover`.
      expect(images.map(({ fileId, context }) => [fileId, context.field])).toEqual([
        [files['body-only'].id, 'body'],
        [files.cover.id, 'cover'],
        [files.figure.id, 'figures.0.image'],
        [files.zone.id, 'sections.0.image'],
        [files.nested.id, 'sections.1.figure.image'],
      ]);
      const bodyOnly = images.find(({ fileId }) => fileId === files['body-only'].id)?.context;
      expect(bodyOnly).toMatchObject({ title: 'Blue Ridge trail', nearbyText: 'Day two\nFog filled the hollows below the shelter.' });
      // `related` does not know it: only the entry's side finds an image that lives in Blocks alone.
      expect(await resolver.forFile(files['body-only'].id)).toEqual({ entries: [], more: 0 });
    });

    test('one image on several entries: at most maxEntries, most recently updated first, the rest counted', async () => {
      const titles = ['Shenandoah loop', 'Smoky Mountains', 'Mount Rogers', 'Roan highlands'];
      const ids: string[] = [];
      for (const title of titles) ids.push((await strapi.documents(ARTICLE).create({ data: { title, cover: files.inline.id } as never })).documentId);
      // Far enough apart for a database that keeps whole seconds.
      await sleep(1100);
      await strapi.documents(ARTICLE).update({ documentId: ids[0], data: { title: 'Shenandoah loop, updated' } as never });

      const first = await resolver.forFile(files.inline.id);
      const again = await resolver.forFile(files.inline.id);
      expect(again).toEqual(first);
      expect(first.more).toBe(1);
      expect(first.entries).toHaveLength(3);
      expect(first.entries[0].title).toBe('Shenandoah loop, updated');
      expect(new Set(first.entries.map((entry) => entry.documentId)).size).toBe(3);
      const rows = await strapi.documents(ARTICLE).findMany({ filters: { documentId: { $in: ids } }, fields: ['updatedAt'] });
      const updated = new Map(rows.map((row) => [row.documentId, new Date(row.updatedAt as string).getTime()]));
      const times = first.entries.map((entry) => updated.get(entry.documentId) ?? NaN);
      expect(times).toEqual([...times].sort((a, b) => b - a));

      // More rows than could all be kept: the entries are chosen on their dates first, then only the kept one is read whole.
      const one = createContextResolver(strapi, { ...OPTIONS, maxEntries: 1 });
      const { result, statements } = await recordQueries(strapi, () => one.forFile(files.inline.id));
      expect(result).toEqual({ entries: [first.entries[0]], more: 3 });
      expect(statements).toHaveLength(4); // related, main fields (a new resolver), the UNION of dates, the kept entry
    });

    test('a localized page: each locale is its own entry, the Markdown paragraph around the image and its link', async () => {
      await strapi.plugin('i18n').service('locales').create({ code: 'fr', name: 'French (fr)' });
      const markdown = (intro: string, after: string) =>
        `## ${intro}\n\nPark at the north lot.\n\n[![map](${files.page.url})](https://maps.example.com/trail)\n\n${after}`;
      const page = await strapi.documents(PAGE).create({ locale: 'en', data: { title: 'Trail guide', image: files.page.id, body: markdown('Where to start', 'Follow the white blazes.') } as never });
      await strapi.documents(PAGE).update({ documentId: page.documentId, locale: 'fr', data: { title: 'Guide du sentier', image: files.page.id, body: markdown('Par où commencer', 'Suivez les marques blanches.') } as never });

      const { entries } = await resolver.forFile(files.page.id);
      const byLocale = Object.fromEntries(entries.map((entry) => [entry.locale, entry]));
      expect(Object.keys(byLocale).sort()).toEqual(['en', 'fr']);
      expect(byLocale.fr).toMatchObject({ documentId: page.documentId, typeName: 'Page', title: 'Guide du sentier', field: 'image', link: 'https://maps.example.com/trail' });
      expect(byLocale.en.nearbyText).toBe('Where to start\nPark at the north lot.\nFollow the white blazes.');
      const french = await resolver.forEntry(PAGE, page.documentId, 'fr');
      expect(french.map(({ fileId, context }) => [fileId, context.locale, context.title])).toEqual([[files.page.id, 'fr', 'Guide du sentier']]);
      // No locale: the default one, as the Document Service reads it.
      expect((await resolver.forEntry(PAGE, page.documentId)).map(({ context }) => context.locale)).toEqual(['en']);
    });

    test('a product\'s mapped fields become its ecommerce facts', async () => {
      await strapi.documents(PRODUCT).create({ data: { name: 'Trail runner 2', brand: 'Acme', colour: 'red', material: 'mesh', photos: [files.product.id] } as never });
      const { entries } = await resolver.forFile(files.product.id);
      expect(entries).toEqual([
        expect.objectContaining({ typeName: 'Product', title: 'Trail runner 2', locale: null, field: 'photos', ecommerce: { product: 'Trail runner 2', brand: 'Acme', color: 'red', material: 'mesh' } }),
      ]);
    });

    test('context resolution costs at most three statements per image (media field, component, dynamic zone), four for a nested component', async () => {
      await resolver.forFile(files.cover.id); // main fields are read once a minute, not per image
      const cost = async (name: string) => (await recordQueries(strapi, () => resolver.forFile(files[name].id))).statements.length;
      const measured = { cover: await cost('cover'), figure: await cost('figure'), zone: await cost('zone'), nested: await cost('nested'), product: await cost('product') };
      expect(measured).toEqual({ cover: 2, figure: 3, zone: 3, nested: 4, product: 2 });
      // One entry's images: the entry, two levels of components, `related`, the files its Blocks body shows.
      expect((await recordQueries(strapi, () => resolver.forEntry(ARTICLE, article))).statements).toHaveLength(5);
    });

    test('unknown files, types and documents, and a Blocks field that holds something else, read as nothing', async () => {
      expect(await resolver.forFile(999_999)).toEqual({ entries: [], more: 0 });
      expect(await resolver.forEntry('api::nothing.nothing', article)).toEqual([]);
      expect(await resolver.forEntry(ARTICLE, 'no-such-document')).toEqual([]);
      const odd = await strapi.documents(ARTICLE).create({ data: { title: 'Odd body', cover: files.product.id } as never });
      const table = strapi.db.metadata.get(ARTICLE).tableName;
      await strapi.db.connection(table).where({ document_id: odd.documentId }).update({ body: JSON.stringify({ not: 'blocks' }) });
      const { entries } = await resolver.forFile(files.product.id);
      expect(entries.find((entry) => entry.documentId === odd.documentId)).toMatchObject({ title: 'Odd body', nearbyText: null });
    });

    test('a deleted entry is no longer a user of its images', async () => {
      const gone = await strapi.documents(ARTICLE).create({ data: { title: 'Deleted soon', figures: [{ image: files.zone.id, caption: 'Gone' }] } as never });
      expect((await resolver.forFile(files.zone.id)).entries.map((entry) => entry.documentId)).toContain(gone.documentId);
      await strapi.documents(ARTICLE).delete({ documentId: gone.documentId });
      expect((await resolver.forFile(files.zone.id)).entries.map((entry) => entry.documentId)).toEqual([article]);
    });

    test('everything said about one image stays within maxChars, cut at word boundaries', async () => {
      const full = await resolver.forFile(files.cover.id);
      const tight = await createContextResolver(strapi, { ...OPTIONS, maxChars: 100 }).forFile(files.cover.id);
      expect(contextChars(full.entries[0])).toBeGreaterThan(100);
      expect(contextChars(tight.entries[0])).toBeLessThanOrEqual(100);
      // A text is kept whole, dropped, or cut after a whole word and marked with an ellipsis.
      const pairs = [[full.entries[0].nearbyText, tight.entries[0].nearbyText], [full.entries[0].seo?.metaDescription, tight.entries[0].seo?.metaDescription]];
      for (const [whole, kept] of pairs) {
        if (!kept || kept === whole) continue;
        expect(kept.endsWith('…')).toBe(true);
        const words = kept.slice(0, -1);
        expect({ prefix: whole?.startsWith(words), next: whole?.charAt(words.length) }).toEqual({ prefix: true, next: expect.stringMatching(/\s/) });
      }
      expect(tight.entries[0].nearbyText).not.toEqual(full.entries[0].nearbyText);
    });
  });
