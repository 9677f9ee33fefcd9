import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { pluginServices } from '../../support/plugin';
import { seedImages, VERSION } from '../csv/fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Pruning with the jobs (`historyRetentionDays`, here 30): versions older than that go, except the
 * newest of each (file, locale) — the text an image has now keeps its version however old. The
 * delete reads its keepers through a derived table (MariaDB refuses a subquery on its own target).
 */
export const historyPruneSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'pruning alt-text history', () => {
    let app: PlaygroundApp;

    beforeAll(async () => {
      app = await bootPlayground({ database, env: { ALT_TEXT_AUTO_ON_UPLOAD: 'false', ALT_TEXT_POLL_INTERVAL_MS: '60000', ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: ['en', 'fr'], historyRetentionDays: 30 }) } });
    });
    afterAll(() => app?.stop());

    test('old versions go, the current one of each file and locale stays, recent ones stay', async () => {
      const [a, b] = await seedImages(app.strapi, 2, `prune-${database}`);
      const ago = (days: number) => new Date(Date.now() - days * DAY_MS);
      const version = (fileId: number, locale: string, text: string, createdAt: Date) => ({ fileId, locale, text, kind: 'edited', actor: { kind: 'system' }, createdAt });
      await app.strapi.db.query(VERSION).createMany({
        data: [
          version(a, 'en', 'a-en old', ago(400)),
          version(a, 'en', 'a-en current but old', ago(300)),
          version(a, 'fr', 'a-fr only, old', ago(500)),
          version(b, 'en', 'b-en old', ago(40)),
          version(b, 'en', 'b-en recent', ago(10)),
          version(b, 'en', 'b-en current', ago(1)),
        ],
      });
      await pluginServices(app.strapi).queue.pruneFinished();
      const left = (await app.strapi.db.query(VERSION).findMany({ where: { fileId: { $in: [a, b] } }, orderBy: { id: 'asc' } })) as Array<{ text: string }>;
      expect(left.map((row) => row.text)).toEqual(['a-en current but old', 'a-fr only, old', 'b-en recent', 'b-en current']);
    });
  });
