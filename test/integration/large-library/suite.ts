import { SNAPSHOT_FROM_ROWS } from '../../../server/src/utils/count-snapshots';
import { COUNT_AHEAD } from '../../../server/src/alt-text/media-filter';
import type { createFoldersService } from '../../../server/src/services/folders';
import type { createMediaService } from '../../../server/src/services/media';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { insertImageRows as insertRows } from '../../support/file-rows';
import { pluginServices } from '../../support/plugin';
import { recordQueries } from '../../support/query-log';
import { waitFor } from '../../support/wait-for';

type MediaService = ReturnType<typeof createMediaService>;
type FoldersService = ReturnType<typeof createFoldersService>;
type UploadFolders = { create(data: { name: string; parent: number | null }): Promise<{ id: number; path: string }> };

/**
 * A library past the size where the admin's counts stop being cheap: `GET /status` answers from a
 * snapshot recounted in the background (the admin shows its time), and the media list counts at
 * most COUNT_AHEAD images past its page. Below that size both stay exact (every other suite).
 */
export const largeLibrarySuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'a large library in the admin', () => {
    let app: PlaygroundApp;
    const insertImageRows = (count: number, prefix: string, altText: string | null = null) => insertRows(app.strapi.db.connection, count, prefix, altText);

    beforeAll(async () => {
      app = await bootPlayground({ database, env: { ALT_TEXT_AUTO_ON_UPLOAD: 'false' } });
    }, 120_000);
    afterAll(() => app?.stop());

    test('status counts a small library afresh on every read, a large one from a snapshot recounted in the background', async () => {
      const { queue } = pluginServices(app.strapi);
      await insertImageRows(5, 'small');
      expect((await queue.stats()).images).toBe(5);
      await insertImageRows(1, 'small-more');
      expect((await queue.stats()).images).toBe(6); // small: exact at once

      await insertImageRows(SNAPSHOT_FROM_ROWS - 6, 'large');
      const counted = await queue.stats();
      expect(counted.images).toBe(SNAPSHOT_FROM_ROWS);
      expect(counted.missingAltText).toBe(SNAPSHOT_FROM_ROWS);

      await insertImageRows(3, 'described', 'A person wrote this');
      const snapshot = await queue.stats();
      expect(snapshot.images).toBe(SNAPSHOT_FROM_ROWS); // the snapshot, not a count
      expect(snapshot.countedAt).toBe(counted.countedAt);

      // Recounted in the background after at least 2 s: a later read shows the new rows.
      const recounted = await waitFor('the background recount', async () => {
        const stats = await queue.stats();
        return stats.images === SNAPSHOT_FROM_ROWS + 3 ? stats : undefined;
      }, 30_000);
      expect(recounted.withAltText).toBe(3);
      expect(Date.parse(recounted.countedAt)).toBeGreaterThanOrEqual(Date.parse(counted.countedAt) + 2_000);
    }, 120_000);

    test('the folder picker counts images per folder from a snapshot, recounted in the background', async () => {
      const folders = app.strapi.plugin('auto-alt-text').service('folders') as FoldersService;
      const large = await (app.strapi.plugin('upload').service('folder') as UploadFolders).create({ name: 'Large', parent: null });
      const imagesInLarge = (listed: Awaited<ReturnType<FoldersService['list']>>) => listed.find((folder) => folder.id === large.id)?.images;
      expect(imagesInLarge(await folders.list())).toBe(0);

      await app.strapi.db.connection('files').whereIn('name', ['large-1.png', 'large-2.png']).update({ folder_path: large.path });
      const { result, statements } = await recordQueries(app.strapi, () => folders.list());
      expect(statements.filter((sql) => /group by/i.test(sql))).toEqual([]); // no scan of every file on this request
      expect(imagesInLarge(result)).toBe(0); // the snapshot

      await waitFor('the folders recount', async () => (imagesInLarge(await folders.list()) === 2 ? true : undefined), 30_000);
    }, 120_000);

    test('the media list counts at most COUNT_AHEAD images past its page, and says when there are more', async () => {
      const media = app.strapi.plugin('auto-alt-text').service('media') as MediaService;
      const total = SNAPSHOT_FROM_ROWS + 3;
      const first = await media.list({ filter: 'all', page: 1, pageSize: 20 });
      expect(first.rows).toHaveLength(20);
      expect(first.total).toBe(COUNT_AHEAD);
      expect(first.totalIsLowerBound).toBe(true);

      // Near the end the rest is counted: exact again.
      const lastPage = Math.ceil(total / 20);
      const last = await media.list({ filter: 'all', page: lastPage, pageSize: 20 });
      expect(last.total).toBe(total);
      expect(last.totalIsLowerBound).toBeUndefined();
      expect(last.rows).toHaveLength(total - (lastPage - 1) * 20);

      // A filter matching few is counted exactly.
      const described = await media.list({ filter: 'human', page: 1, pageSize: 20 });
      expect(described.total).toBe(3);
      expect(described.totalIsLowerBound).toBeUndefined();
      const searched = await media.list({ filter: 'all', search: 'large-1234', page: 1, pageSize: 20 });
      expect(searched.rows.map((row) => row.name).sort()).toEqual(['large-1234.png', ...Array.from({ length: 10 }, (_, i) => `large-1234${i}.png`)].sort());
      expect(searched.total).toBe(11);
      // The search reads the alt text too, ignoring case on every database.
      const byText = await media.list({ filter: 'all', search: 'PERSON wrote', page: 1, pageSize: 20 });
      expect(byText.rows.map((row) => row.name).sort()).toEqual(['described-0.png', 'described-1.png', 'described-2.png']);
    }, 120_000);
  });
