import type { Emulator } from '../../../emulator/server';
import type { PlaygroundApp } from '../../harness/strapi-app';
import type { Api } from '../../reliability/admin';
import { noisyPng, solidPng } from '../../support/images';
import { fileRows, pluginServices } from '../../support/plugin';
import { waitFor } from '../../support/wait-for';
import { startDetectionStack, type DetectionStack } from './detection-stack';

/**
 * `detectDecorative: true`: spacers (from the stored size) and flat-colour images (sharp's stats on
 * the smallest rendition, read from storage) are suggested decorative before any paid call —
 * skipped with the reason, never written, no credit. A person decides: Confirm marks it; Describe
 * anyway (dismiss + Regenerate) describes it, bypassing detection.
 */

describe('decorative images: detection (detectDecorative: true)', () => {
  let stack: DetectionStack;
  let emulator: Emulator;
  let app: PlaygroundApp;
  let admin: Api;
  let ids: DetectionStack['ids'];
  let jobOf: DetectionStack['jobOf'];
  let markOf: DetectionStack['markOf'];

  const itemOf = async (fileId: number, query = '') =>
    ((await admin('GET', `/auto-alt-text/media?pageSize=100${query}`)).body.data.rows as Array<{ id: number; source: string; decorative?: { status: string; reason: string | null } }>).find((item) => item.id === fileId);

  beforeAll(async () => {
    stack = await startDetectionStack('alttextlab', [
      ['pixel', solidPng(1, 1, { r: 255, g: 255, b: 255 })],
      ['line', solidPng(400, 1, { r: 200, g: 200, b: 200 })],
      ['flat', solidPng(300, 300, { r: 240, g: 240, b: 235 })],
      ['photo', noisyPng(160, 120)],
    ]);
    ({ emulator, app, admin, ids, jobOf, markOf } = stack);
  });
  afterAll(() => stack?.stop());

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
    expect(emulator.account(stack.apiKey)?.charged).toBe(1);
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
