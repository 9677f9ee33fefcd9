import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { DECORATIVE_ANSWER_LEAD } from '../../../server/src/providers/openai/prompt';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { apiFor, registerSuperAdmin, type Api } from '../../reliability/admin';
import { fileRows, pluginServices } from '../../support/plugin';
import { uploadThroughApi } from '../../support/upload';
import { waitFor } from '../../support/wait-for';

/**
 * `detectDecorative: true` with an OpenAI-compatible model: images that pass the free checks are
 * described with the model asked whether they are decorative. One it judges decorative (the
 * emulator does for a prompt naming a divider, here the file name) is suggested decorative, never
 * written — the call was paid. Describe anyway (dismiss + Regenerate) does not ask again.
 */
const API_KEY = `judge-key-${randomBytes(10).toString('hex')}`;
const DECORATIVE = 'plugin::auto-alt-text.decorative';

/** Noise: neither a spacer nor a flat colour, so the free checks let it through to the model. */
const noisyPng = (width: number, height: number) => sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).png().toBuffer();

describe('decorative images: the model judges (openai, detectDecorative: true)', () => {
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

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 100 }] });
    app = await bootPlayground({
      env: {
        ALT_TEXT_PROVIDER: 'openai',
        ALT_TEXT_API_KEY: API_KEY,
        ALT_TEXT_BASE_URL: emulator.baseUrls.openai,
        ALT_TEXT_MODEL: 'emulator-vision',
        ALT_TEXT_POLL_INTERVAL_MS: '100',
        ALT_TEXT_REQUESTS_PER_SECOND: '0',
        ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
        ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ detectDecorative: true }),
      },
    });
    admin = apiFor(app, await registerSuperAdmin(app));
    for (const name of ['divider', 'photo']) {
      const result = await uploadThroughApi(app, { bytes: await noisyPng(160, 120), name: `${name}.png`, mime: 'image/png' });
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

  test('an image the model judges decorative is suggested with that reason, not written, one credit paid; a photo is described', async () => {
    expect(await markOf(ids.divider)).toMatchObject({ status: 'suggested', reason: 'the model judged it decorative' });
    expect(await jobOf(ids.divider)).toMatchObject({ status: 'skipped', errorMessage: expect.stringMatching(/^looks decorative \(the model judged it decorative\)/) });
    expect((await fileRows(app.strapi, [ids.divider]))[0].alternativeText).toBeNull();

    expect(await markOf(ids.photo)).toBeNull();
    expect(await jobOf(ids.photo)).toMatchObject({ status: 'done' });
    expect((await fileRows(app.strapi, [ids.photo]))[0].alternativeText).toMatch(/160×120/);

    expect(emulator.requests).toHaveLength(2);
    expect(emulator.requests.every((request) => request.prompt?.includes(DECORATIVE_ANSWER_LEAD))).toBe(true);
    expect(emulator.account(API_KEY)?.charged).toBe(2); // the judged call was paid too
  });

  test('Describe anyway (dismiss + Regenerate) describes it with one plain call, without asking for the judgement', async () => {
    emulator.reset();
    expect((await admin('POST', `/auto-alt-text/media/${ids.divider}/decorative`, { decorative: false })).status).toBe(200);
    expect((await admin('POST', `/auto-alt-text/media/${ids.divider}/regenerate`, {})).status).toBe(200);
    const text = await waitFor('the divider described', async () => (await fileRows(app.strapi, [ids.divider]))[0].alternativeText ?? undefined);
    expect(text).toMatch(/160×120/);
    await pluginServices(app.strapi).queue.idle();
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0].prompt).not.toContain(DECORATIVE_ANSWER_LEAD);
    expect(await markOf(ids.divider)).toBeNull();
  });
});
