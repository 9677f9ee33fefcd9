import { createFileScanner } from '../../../server/src/queue/file-scan';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { describeOnDatabase } from '../../harness/test-database';

const ROWS = 200_000;

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * A bulk run's page of the `missing` scope, as PostgreSQL plans it for a files table it has no
 * statistics for (rows imported in bulk and not analyzed yet; a server with autovacuum off never
 * analyzes them). With the missing-alt-text rule in WHERE, PostgreSQL guessed that few rows pass it
 * and planned a merge anti-join that sorted every file after the cursor, on every page: 1.7 s a
 * page at 1 000 000 rows, a run's enqueue ten times over its target (docs/benchmarks.md). The page
 * must walk the primary key and stop at its LIMIT, whatever the statistics.
 */
describeOnDatabase('postgres', 'a run page over a files table without statistics', () => {
  let app: PlaygroundApp;

  beforeAll(async () => {
    app = await bootPlayground({ database: 'postgres', env: { ALT_TEXT_AUTO_ON_UPLOAD: 'false' } });
    // Inserted by the server itself, as an import would: no statistics are gathered on the way.
    await app.strapi.db.connection.raw(
      `INSERT INTO files (document_id, name, alternative_text, mime, width, height, size, hash, ext, url, provider, folder_path, created_at, updated_at)
       SELECT 'doc' || i, 'scan-' || i || '.png', NULL, 'image/png', 800, 600, 120.5, 'scan_' || i, '.png', '/uploads/scan_' || i || '.png', 'local', '/', now(), now()
       FROM generate_series(1, ?) AS i`,
      [ROWS]
    );
  }, 120_000);
  afterAll(() => app?.stop());

  test('reads the primary key in order and stops at the page size: no sort of the rest of the table', async () => {
    const knex = app.strapi.db.connection;
    const statements: Array<{ sql: string; bindings: unknown[] }> = [];
    const capture = (query: { sql: string; bindings?: unknown[] }) => statements.push({ sql: query.sql, bindings: query.bindings ?? [] });
    knex.on('query', capture);
    const page = await createFileScanner(app.strapi).page({ kind: 'missing' }, ROWS / 2, 500);
    knex.off('query', capture);

    expect(page.files).toHaveLength(500);
    expect(page.full).toBe(true);
    const select = statements.find((statement) => /^select .* from "files"/i.test(statement.sql));
    expect(select).toBeDefined();
    // The event carries pg's $n placeholders; knex.raw takes `?` (the bindings are in $n order).
    const sql = String(select?.sql).replace(/\$\d+/g, '?');
    const explained = (await knex.raw(`EXPLAIN (FORMAT JSON) ${sql}`, select?.bindings as never)) as { rows: Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }> };
    const nodes = nodesOf(explained.rows[0]['QUERY PLAN'][0].Plan);
    expect(nodes.map((node) => node['Node Type'])).not.toContain('Sort');
    expect(nodes.some((node) => node['Node Type'] === 'Index Scan' && node['Index Name'] === 'files_pkey')).toBe(true);
  }, 60_000);

  test('a window with no file in scope still moves the cursor, and says there may be more', async () => {
    const knex = app.strapi.db.connection;
    const [{ first }] = (await knex('files').min({ first: 'id' })) as Array<{ first: number }>;
    // The first 600 files get a person's text: out of the missing scope.
    await knex('files').where('id', '<', first + 600).update({ alternative_text: 'A person wrote this' });
    const scanner = createFileScanner(app.strapi);
    const empty = await scanner.page({ kind: 'missing' }, 0, 500);
    expect(empty).toEqual({ files: [], lastId: first + 499, full: true });
    const next = await scanner.page({ kind: 'missing' }, first + 499, 500);
    expect(next.files.map((file) => file.id)).toEqual(Array.from({ length: 400 }, (_, i) => first + 600 + i));
    expect(next.lastId).toBe(first + 999);
  }, 60_000);
});
