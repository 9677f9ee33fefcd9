import type { Core } from '@strapi/strapi';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase, type DatabaseKind } from '../../harness/test-database';
import { registerSuperAdmin } from '../../reliability/admin';
import { altTextTables, importCsv, seedImages, spreadsheetCsv } from './fixtures';

/** The text the database refuses (a trigger on the upload table), planted on the import's last row. */
const REFUSED = 'REFUSED BY THE DATABASE';

/** A trigger that fails the UPDATE giving a file that alt text: a real failure in the middle of an import's writes. */
const TRIGGER: Record<DatabaseKind, { create: string[]; drop: string[] }> = {
  sqlite: {
    create: [`CREATE TRIGGER csv_refuse BEFORE UPDATE ON files WHEN NEW.alternative_text = '${REFUSED}' BEGIN SELECT RAISE(ABORT, 'refused'); END`],
    drop: ['DROP TRIGGER csv_refuse'],
  },
  postgres: {
    create: [
      `CREATE FUNCTION csv_refuse() RETURNS trigger AS $$ BEGIN IF NEW.alternative_text = '${REFUSED}' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
      'CREATE TRIGGER csv_refuse BEFORE UPDATE ON files FOR EACH ROW EXECUTE FUNCTION csv_refuse()',
    ],
    drop: ['DROP TRIGGER csv_refuse ON files', 'DROP FUNCTION csv_refuse()'],
  },
  mysql: {
    create: [`CREATE TRIGGER csv_refuse BEFORE UPDATE ON files FOR EACH ROW BEGIN IF NEW.alternative_text = '${REFUSED}' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused'; END IF; END`],
    drop: ['DROP TRIGGER csv_refuse'],
  },
};

const run = async (strapi: Core.Strapi, statements: string[]) => {
  for (const statement of statements) await strapi.db.connection.raw(statement);
};

/**
 * An import writes in one transaction: when the database fails the last of 1 400 rows (after two
 * chunks of 500 were written: locale texts, alternativeText, provenance), nothing stays.
 */
export const csvRollbackSuite = (database: DatabaseKind) =>
  describeOnDatabase(database, 'a CSV import that fails mid-write', () => {
    let app: PlaygroundApp;
    let token: string;
    let ids: number[];

    beforeAll(async () => {
      app = await bootPlayground({ database, env: { ALT_TEXT_AUTO_ON_UPLOAD: 'false', ALT_TEXT_POLL_INTERVAL_MS: '60000', ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: ['en', 'fr'] }) } });
      token = await registerSuperAdmin(app);
      ids = await seedImages(app.strapi, 700, 'rollback');
    });
    afterAll(() => app?.stop());

    const rows = (last: string) =>
      ids.flatMap((id, index) => [
        [id, `rollback-${index}.png`, 'fr', `Une image n° ${index}, "importée"`, ''],
        [id, `rollback-${index}.png`, 'en', index === ids.length - 1 ? last : `Image no. ${index}, "imported"`, ''],
      ]);

    test('rolls back every write, on the plugin tables and the upload table alike', async () => {
      await run(app.strapi, TRIGGER[database].create);
      const before = await altTextTables(app.strapi);
      try {
        const failed = await importCsv(app, token, spreadsheetCsv(rows(REFUSED)));
        expect(failed.status).toBe(500);
        expect(await altTextTables(app.strapi)).toEqual(before);
      } finally {
        await run(app.strapi, TRIGGER[database].drop);
      }
      // The same file, the refusal gone: all 1 400 rows are written.
      const written = await importCsv(app, token, spreadsheetCsv(rows('the last one')));
      expect(written.body.data).toEqual({ rows: 1400, written: 1400, unchanged: 0, skipped: 0 });
      const after = await altTextTables(app.strapi);
      expect(after.localeTexts).toHaveLength(700);
      expect(after.provenance).toHaveLength(700);
      // History: one `imported` version per row, and none left by the rolled-back attempt.
      expect(after.versions).toHaveLength(1400);
      expect(after.versions.every(([, , , kind]) => kind === 'imported')).toBe(true);
      expect(after.files.filter(([, text]) => text === 'the last one')).toHaveLength(1);
    });
  });
