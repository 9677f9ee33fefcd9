import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { apiFor, registerSuperAdmin, SUPER_ADMIN, type Api } from '../reliability/admin';
import { pluginServices } from '../support/plugin';
import { seedImages } from '../support/seed';
import { waitFor } from '../support/wait-for';

/**
 * The run history (GET /runs): past runs newest first, each with who started it, its scope in names,
 * its mode, status, counts and the credits it spent — counted at the emulator (a call it answered
 * with a text is a credit; a cache hit and a call that failed for free are none) — paged, and read
 * from what each ended run keeps on its row, not from its jobs.
 */
const API_KEY = `history-key-${randomBytes(10).toString('hex')}`;
const JOB_UID = 'plugin::auto-alt-text.job';
const ARTICLE = 'api::article.article';
const ADMIN_NAME = `${SUPER_ADMIN.firstname} ${SUPER_ADMIN.lastname}`;

/** Generation calls the emulator answered with a text: what the provider bills. */
const paidCalls = (emulator: Emulator) => emulator.requests.filter((request) => request.status === 200).length;

describe('the run history', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let admin: Api;

  const services = () => pluginServices(app.strapi);
  const ended = (id: number) =>
    waitFor(`run #${id} to end`, async () => {
      const run = await services().runs.get(id);
      return run && (run.status === 'done' || run.status === 'cancelled') ? run : undefined;
    }, 30000);
  /** Starts a run (over HTTP as the admin, or from code), waits for its end; returns its id and the paid calls it made. */
  const runToEnd = async (start: () => Promise<number>) => {
    const before = paidCalls(emulator);
    const id = await start();
    await ended(id);
    await services().queue.idle();
    return { id, paid: paidCalls(emulator) - before };
  };
  const byAdmin = (body: Record<string, unknown>) => async () => {
    const created = await admin('POST', '/auto-alt-text/runs', body);
    expect(created.status).toBe(200);
    return created.body.data.id as number;
  };
  const byCode = (request: Parameters<ReturnType<typeof pluginServices>['runs']['create']>[0]) => async () => (await services().runs.create(request)).id;
  const history = async (query = '') => {
    const answer = await admin('GET', `/auto-alt-text/runs${query}`);
    expect(answer.status).toBe(200);
    return answer.body as { data: Array<Record<string, any>>; meta: { pagination: { page: number; pageSize: number; total: number; pageCount: number } } };
  };

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 10_000 }] });
    app = await bootPlayground({
      env: {
        ALT_TEXT_PROVIDER: 'alttextlab',
        ALT_TEXT_API_KEY: API_KEY,
        ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
        ALT_TEXT_AUTO_ON_UPLOAD: 'false',
        ALT_TEXT_CONCURRENCY: '1',
        ALT_TEXT_MAX_ATTEMPTS: '1',
        ALT_TEXT_POLL_INTERVAL_MS: '100',
        ALT_TEXT_REQUESTS_PER_SECOND: '0',
        ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
      },
    });
    admin = apiFor(app, await registerSuperAdmin(app));
  });

  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  test('runs of every scope, newest first: who started each, its scope in names, mode, status, counts, and the credits paid at the emulator', async () => {
    const first = await seedImages(app, 3, 'history');
    const missing = await runToEnd(byAdmin({ scope: { kind: 'missing' } }));

    const folders = app.strapi.plugin('upload').service('folder') as { create(data: { name: string; parent: number | null }): Promise<{ id: number; path: string }> };
    const photos = await folders.create({ name: 'Photos', parent: null });
    const year = await folders.create({ name: '2024', parent: photos.id });
    for (const id of await seedImages(app, 2, 'foldered')) {
      await app.strapi.db.query('plugin::upload.file').update({ where: { id }, data: { folder: year.id, folderPath: year.path } });
    }
    const folder = await runToEnd(byAdmin({ scope: { kind: 'folder', folderId: year.id }, mode: 'overwrite' }));
    // The same bytes with the same settings: every text from the cache, no call, no credit.
    const cached = await runToEnd(byCode({ scope: { kind: 'ids', ids: first }, mode: 'overwrite' }));
    const forced = await runToEnd(byCode({ scope: { kind: 'ids', ids: first }, mode: 'overwrite', force: true, createdBy: 'console' }));

    const covers = await seedImages(app, 3, 'cover');
    const articles = app.strapi.documents(ARTICLE as Parameters<PlaygroundApp['strapi']['documents']>[0]) as unknown as { create(args: { data: Record<string, unknown> }): Promise<{ documentId: string }> };
    const documentIds: string[] = [];
    for (const [index, cover] of covers.entries()) documentIds.push((await articles.create({ data: { title: `Trail ${index}`, cover } })).documentId);
    const entries = await runToEnd(byAdmin({ scope: { kind: 'entries', model: ARTICLE, documentIds } }));

    // A provider failure it does not bill (503): the call is made, its credit given back.
    emulator.setFaults({ status: 503 });
    const refunded = await runToEnd(byCode({ scope: { kind: 'ids', ids: await seedImages(app, 1, 'fails') }, mode: 'overwrite' }));
    emulator.clearFaults();
    expect(emulator.requests.at(-1)?.status).toBe(503);

    expect([missing.paid, folder.paid, cached.paid, forced.paid, entries.paid, refunded.paid]).toEqual([3, 2, 0, 3, 3, 0]);

    const { data, meta } = await history();
    expect(meta.pagination).toEqual({ page: 1, pageSize: 20, total: 6, pageCount: 1 });
    expect(data.map((run) => run.id)).toEqual([refunded.id, entries.id, forced.id, cached.id, folder.id, missing.id]);
    const row = (id: number) => data.find((run) => run.id === id) as Record<string, any>;
    expect(row(missing.id)).toMatchObject({
      scope: { kind: 'missing' }, scopeNames: {}, mode: 'fill', force: false, status: 'done',
      startedBy: { kind: 'admin', name: ADMIN_NAME }, credits: 3, counts: { done: 3, failed: 0 },
    });
    expect(row(folder.id)).toMatchObject({ scopeNames: { folderPath: 'Photos / 2024' }, mode: 'overwrite', startedBy: { kind: 'admin', name: ADMIN_NAME }, credits: 2, counts: { done: 2 } });
    expect(row(cached.id)).toMatchObject({ startedBy: { kind: 'code', label: null }, credits: 0, counts: { done: 3 } });
    expect(row(forced.id)).toMatchObject({ force: true, startedBy: { kind: 'code', label: 'console' }, credits: 3, counts: { done: 3 } });
    expect(row(entries.id)).toMatchObject({ scope: { kind: 'entries', documentIds }, scopeNames: { contentType: 'Article' }, credits: 3, counts: { done: 3 } });
    expect(row(refunded.id)).toMatchObject({ credits: 0, counts: { done: 0, failed: 1 } });
    for (const run of data) {
      expect(Date.parse(run.finishedAt)).toBeGreaterThanOrEqual(Date.parse(run.createdAt));
      // Who started it is a name, never more of the admin's record.
      expect(JSON.stringify(run.startedBy)).not.toMatch(/password|token|@/i);
    }
    // The runs' credits add up to what the spending ledger counted today.
    expect((await services().budget.spending(1)).totals.credits).toBe(data.reduce((sum, run) => sum + run.credits, 0));

    // An ended run's counts are kept on its row: with its jobs pruned, the history still has them.
    await app.strapi.db.query(JOB_UID).deleteMany({ where: { runId: { $in: [missing.id, folder.id] } } });
    const afterPrune = await history();
    expect(afterPrune.data.find((run) => run.id === missing.id)?.counts).toMatchObject({ done: 3, total: 3 });
    expect(afterPrune.data.find((run) => run.id === folder.id)?.counts).toMatchObject({ done: 2 });
  });

  test('a retried failure counts again: the run reopens, ends, and its counts and credits follow', async () => {
    const [file] = await seedImages(app, 1, 'retried');
    emulator.setFaults({ status: 503 });
    const run = await runToEnd(byAdmin({ scope: { kind: 'ids', ids: [file] }, mode: 'overwrite' }));
    emulator.clearFaults();
    expect((await history()).data[0]).toMatchObject({ id: run.id, credits: 0, counts: { done: 0, failed: 1 } });

    const before = paidCalls(emulator);
    expect((await admin('POST', `/auto-alt-text/runs/${run.id}/retry-failed`)).status).toBe(200);
    await ended(run.id);
    await services().queue.idle();
    expect(paidCalls(emulator) - before).toBe(1);
    expect((await history()).data[0]).toMatchObject({ id: run.id, status: 'done', credits: 1, counts: { done: 1, failed: 0 } });
  });

  test('a cancelled run: shown cancelled, with the calls it made before the cancel as its credits', async () => {
    emulator.setFaults({ latencyMs: 1500 });
    try {
      const ids = await seedImages(app, 4, 'cancelled');
      const before = paidCalls(emulator);
      const id = await byAdmin({ scope: { kind: 'ids', ids }, mode: 'overwrite' })();
      await waitFor('the first call to be out', async () => (emulator.startedCount() > before ? true : undefined), 15000);
      expect((await admin('POST', `/auto-alt-text/runs/${id}/cancel`)).status).toBe(200);
      await services().queue.idle();
      const paid = paidCalls(emulator) - before;
      expect(paid).toBeGreaterThanOrEqual(1);
      const row = (await history()).data.find((run) => run.id === id);
      expect(row).toMatchObject({ status: 'cancelled', credits: paid, counts: { done: paid, cancelled: 4 - paid } });
    } finally {
      emulator.clearFaults();
    }
  });

  test('paged: page and pageSize with a total, newest first; a bad page is a 400', async () => {
    const all = await history();
    const total = all.meta.pagination.total;
    expect(total).toBeGreaterThanOrEqual(8);
    const second = await history('?page=2&pageSize=3');
    expect(second.meta.pagination).toEqual({ page: 2, pageSize: 3, total, pageCount: Math.ceil(total / 3) });
    expect(second.data.map((run) => run.id)).toEqual(all.data.slice(3, 6).map((run) => run.id));
    for (const query of ['?pageSize=0', '?pageSize=101', '?page=abc', '?page=0', '?limit=5']) {
      const refused = await admin('GET', `/auto-alt-text/runs${query}`);
      expect(refused.status).toBe(400);
    }
  });
});
