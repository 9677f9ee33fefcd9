import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { pluginServices } from '../support/plugin';
import { waitFor } from '../support/wait-for';

/**
 * The demo's seed (playground/src/demo-seed), booted as `npm run demo` boots it: created once —
 * a second boot on the same database and bucket adds no entry, no picture, no run and no provider
 * call — and its uploads queue nothing on their own: the pictures are described by the seed's one
 * run, after every post and locale exists.
 */
const API_KEY = `seed-key-${randomBytes(10).toString('hex')}`;
const POST = 'api::blog-post.blog-post';
const FILE = 'plugin::upload.file';

const seedEnv = (emulator: Emulator) => ({
  PLAYGROUND_SEED: 'demo',
  PLAYGROUND_SEED_DESCRIBE: 'true',
  ALT_TEXT_PROVIDER: 'alttextlab',
  ALT_TEXT_API_KEY: API_KEY,
  ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
  ALT_TEXT_LOCALES: 'en,fr,de',
  ALT_TEXT_UPLOAD_SOURCES: 'admin,api-token,users-permissions,other',
  ALT_TEXT_POLL_INTERVAL_MS: '100',
  ALT_TEXT_REQUESTS_PER_SECOND: '0',
  ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
});

/** What the seed leaves: entries per locale, pictures, runs, provider calls. */
const census = async (app: PlaygroundApp, emulator: Emulator) => {
  const rows = (await app.strapi.db.query(POST).findMany({ select: ['locale', 'publishedAt'] })) as Array<{ locale: string; publishedAt: string | null }>;
  const perLocale: Record<string, number> = {};
  for (const row of rows) perLocale[row.locale] = (perLocale[row.locale] ?? 0) + 1;
  return {
    // A published entry is two rows (draft and published).
    rowsPerLocale: perLocale,
    pictures: await app.strapi.db.query(FILE).count({ where: { name: { $startsWith: 'demo-' } } }),
    runs: (await pluginServices(app.strapi).runs.list()).length,
    calls: emulator.requests.length,
  };
};

describe('the demo seed', () => {
  let emulator: Emulator;
  let app: PlaygroundApp | undefined;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
    delete process.env.PLAYGROUND_SEED;
    delete process.env.PLAYGROUND_SEED_DESCRIBE;
  });

  test('a second boot on the same data creates nothing and spends nothing', async () => {
    app = await bootPlayground({ env: seedEnv(emulator) });
    const runs = pluginServices(app.strapi).runs;
    const [run] = await runs.list();
    expect(run.scope).toEqual({ kind: 'ids', ids: expect.any(Array) });
    expect((run.scope as { ids: number[] }).ids).toHaveLength(5);
    await waitFor('the seed\'s run', async () => ((await runs.get(run.id))?.status === 'done' ? true : undefined), 60000);
    await pluginServices(app.strapi).queue.idle();
    const first = await census(app, emulator);
    // 3 posts × 2 rows (draft, published) in each locale; 5 pictures × 3 locales, one call each, all from the run.
    expect(first).toEqual({ rowsPerLocale: { en: 6, fr: 6, de: 6 }, pictures: 5, runs: 1, calls: 15 });

    const data = app.data;
    await app.stop({ keepData: true });
    app = undefined;
    app = await bootPlayground({ env: seedEnv(emulator), reuse: data });
    await pluginServices(app.strapi).queue.idle();
    expect(await census(app, emulator)).toEqual(first);
  }, 240000);

  test('the seeded pictures were described from the post that uses them, in each post\'s locale', async () => {
    const byLang = new Map<string, string[][]>();
    for (const request of emulator.requests) byLang.set(request.lang ?? '', [...(byLang.get(request.lang ?? '') ?? []), (request.keywords ?? []).slice(0, 3)]);
    // The cover and gallery of the Blue Ridge post: three pictures, each written from that locale's SEO keywords.
    expect(byLang.get('en')?.filter((keywords) => keywords.join() === 'hiking,ridge,autumn')).toHaveLength(3);
    expect(byLang.get('fr')?.filter((keywords) => keywords.join() === 'randonnée,crête,automne')).toHaveLength(3);
    expect(byLang.get('de')?.filter((keywords) => keywords.join() === 'Wandern,Bergkamm,Herbst')).toHaveLength(3);
  });
});
