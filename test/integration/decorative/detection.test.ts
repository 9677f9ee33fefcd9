import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { apiFor, registerSuperAdmin, type Api } from '../../reliability/admin';
import { solidPng } from '../../support/images';
import { fileRows, pluginServices } from '../../support/plugin';
import { uploadThroughApi } from '../../support/upload';
import { waitFor } from '../../support/wait-for';

/**
 * `detectDecorative: true`: spacers (from the stored size) and flat-colour images (sharp's stats on
 * the smallest rendition, read from storage) are suggested decorative before any paid call —
 * skipped with the reason, never written, no credit. A person decides: Confirm marks it; Describe
 * anyway (dismiss + Regenerate) describes it, bypassing detection.
 */
const API_KEY = `detect-key-${randomBytes(10).toString('hex')}`;
const DECORATIVE = 'plugin::auto-alt-text.decorative';

const noisyPng = (width: number, height: number) => sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).png().toBuffer();

describe('decorative images: detection (detectDecorative: true)', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let admin: Api;
  const ids: Record<string, number> = {};

  const jobOf = (fileId: number) =>
    waitFor(`file #${fileId}'s job to end`, async () => {
      const jobs = (await app.strapi.db.query('plugin::auto-alt-text.job').findMany({ where: { fileId }, orderBy: { id: 'desc' } })) as Array<{ status: string; errorMessage: string | null }>;
      return jobs.find((job) => !['pending', 'running'].includes(job.status));
    });
  const markOf = async (fileId: number) => (await app.strapi.db.query(DECORATIVE).findOne({ where: { fileId } })) as { status: string; reason: string | null } | null;
  const itemOf = async (fileId: number, query = '') =>
    ((await admin('GET', `/auto-alt-text/media?pageSize=100${query}`)).body.data.rows as Array<{ id: number; source: string; decorative?: { status: string; reason: string | null } }>).find((item) => item.id === fileId);

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 100 }] });
    app = await bootPlayground({
      env: {
        ALT_TEXT_PROVIDER: 'alttextlab',
        ALT_TEXT_API_KEY: API_KEY,
        ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
        ALT_TEXT_POLL_INTERVAL_MS: '100',
        ALT_TEXT_REQUESTS_PER_SECOND: '0',
        ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
        ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ detectDecorative: true }),
      },
    });
    admin = apiFor(app, await registerSuperAdmin(app));
    const uploads: Array<[string, Promise<Buffer>]> = [
      ['pixel', solidPng(1, 1, { r: 255, g: 255, b: 255 })],
      ['line', solidPng(400, 1, { r: 200, g: 200, b: 200 })],
      ['flat', solidPng(300, 300, { r: 240, g: 240, b: 235 })],
      ['photo', noisyPng(160, 120)],
    ];
    for (const [name, bytes] of uploads) {
      const result = await uploadThroughApi(app, { bytes: await bytes, name: `${name}.png`, mime: 'image/png' });
      expect(result.status).toBe(201);
      ids[name] = result.files[0].id;
    }
    for (const id of Object.values(ids)) await jobOf(id);
    await pluginServices(app.strapi).queue.idle();
  });
  afterAll(async () => {
    await app?.stop();
    await emulator?.close();
  });

  test('a 1×1 pixel, a 400×1 line and a flat-colour image are suggested with the reason, never written, zero credits; a photo is described', async () => {
    expect(await markOf(ids.pixel)).toMatchObject({ status: 'suggested', reason: '1×1 px spacer' });
    expect(await markOf(ids.line)).toMatchObject({ status: 'suggested', reason: '400×1 px line' });
    expect(await markOf(ids.flat)).toMatchObject({ status: 'suggested', reason: expect.stringMatching(/^uniform colour/) });
    expect(await markOf(ids.photo)).toBeNull();
    for (const name of ['pixel', 'line', 'flat']) {
      expect(await jobOf(ids[name])).toMatchObject({ status: 'skipped', errorMessage: expect.stringMatching(/^looks decorative \(/) });
      expect((await fileRows(app.strapi, [ids[name]]))[0].alternativeText).toBeNull();
    }
    expect(emulator.requests).toHaveLength(1); // the photo only
    expect(emulator.account(API_KEY)?.charged).toBe(1);
    expect((await fileRows(app.strapi, [ids.photo]))[0].alternativeText).toBeTruthy();
  });

  test('the list shows a suggestion as missing with its reason, under the Decorative filter; a fill run skips it again without a call', async () => {
    expect(await itemOf(ids.flat)).toMatchObject({ source: 'missing', decorative: { status: 'suggested', reason: expect.stringMatching(/^uniform colour/) } });
    expect(await itemOf(ids.flat, '&filter=decorative')).toBeDefined();
    expect(await itemOf(ids.flat, '&filter=missing')).toBeDefined();
    emulator.reset();
    const estimate = await admin('POST', '/auto-alt-text/runs/estimate', { scope: { kind: 'all' }, mode: 'fill' });
    expect(estimate.body.data).toMatchObject({ images: 0, calls: 0, credits: 0 });
    const run = await pluginServices(app.strapi).runs.create({ scope: { kind: 'all' }, mode: 'fill' });
    await waitFor('the run to finish', async () => ((await pluginServices(app.strapi).runs.get(run.id))?.status === 'done' ? true : undefined));
    expect(emulator.requests).toHaveLength(0);
    expect((await pluginServices(app.strapi).runs.get(run.id))?.skippedReasons).toEqual({
      'looks decorative (spacer): suggested, not described': 2,
      'looks decorative (suggested earlier): not described': 1,
      'already has alt text': 1,
    });
    expect(await jobOf(ids.flat)).toMatchObject({ status: 'skipped', errorMessage: expect.stringMatching(/^looks decorative \(uniform colour/) });
  });

  test('Confirm marks a suggestion decorative; Describe anyway (dismiss + Regenerate) describes it with one call, past detection', async () => {
    const confirmed = await admin('POST', `/auto-alt-text/media/${ids.pixel}/decorative`, { decorative: true });
    expect(confirmed.body.data).toMatchObject({ source: 'decorative', decorative: { status: 'marked' } });

    emulator.reset();
    expect((await admin('POST', `/auto-alt-text/media/${ids.flat}/decorative`, { decorative: false })).status).toBe(200);
    expect(await markOf(ids.flat)).toBeNull();
    expect((await admin('POST', `/auto-alt-text/media/${ids.flat}/regenerate`, {})).status).toBe(200);
    const text = await waitFor('the flat image described', async () => (await fileRows(app.strapi, [ids.flat]))[0].alternativeText ?? undefined);
    expect(text).toBeTruthy();
    await pluginServices(app.strapi).queue.idle();
    expect(emulator.requests).toHaveLength(1);
    expect(await markOf(ids.flat)).toBeNull();
  });
});
