import type { Emulator } from '../../../emulator/server';
import { DECORATIVE_ANSWER_LEAD } from '../../../server/src/providers/openai/prompt';
import type { PlaygroundApp } from '../../harness/strapi-app';
import type { Api } from '../../reliability/admin';
import { noisyPng } from '../../support/images';
import { fileRows, pluginServices } from '../../support/plugin';
import { waitFor } from '../../support/wait-for';
import { startDetectionStack, type DetectionStack } from './detection-stack';

/**
 * `detectDecorative: true` with an OpenAI-compatible model: images that pass the free checks are
 * described with the model asked whether they are decorative. One it judges decorative (the
 * emulator does for a prompt naming a divider, here the file name) is suggested decorative, never
 * written — the call was paid. Describe anyway (dismiss + Regenerate) does not ask again.
 */

describe('decorative images: the model judges (openai, detectDecorative: true)', () => {
  let stack: DetectionStack;
  let emulator: Emulator;
  let app: PlaygroundApp;
  let admin: Api;
  let ids: DetectionStack['ids'];
  let jobOf: DetectionStack['jobOf'];
  let markOf: DetectionStack['markOf'];

  beforeAll(async () => {
    stack = await startDetectionStack('openai', [
      ['divider', noisyPng(160, 120)],
      ['photo', noisyPng(160, 120)],
    ]);
    ({ emulator, app, admin, ids, jobOf, markOf } = stack);
  });
  afterAll(() => stack?.stop());

  test('an image the model judges decorative is suggested with that reason, not written, one credit paid; a photo is described', async () => {
    expect(await markOf(ids.divider)).toMatchObject({ status: 'suggested', reason: 'the model judged it decorative' });
    expect(await jobOf(ids.divider)).toMatchObject({ status: 'skipped', errorMessage: expect.stringMatching(/^looks decorative \(the model judged it decorative\)/) });
    expect((await fileRows(app.strapi, [ids.divider]))[0].alternativeText).toBeNull();

    expect(await markOf(ids.photo)).toBeNull();
    expect(await jobOf(ids.photo)).toMatchObject({ status: 'done' });
    expect((await fileRows(app.strapi, [ids.photo]))[0].alternativeText).toMatch(/160×120/);

    expect(emulator.requests).toHaveLength(2);
    expect(emulator.requests.every((request) => request.prompt?.includes(DECORATIVE_ANSWER_LEAD))).toBe(true);
    expect(emulator.account(stack.apiKey)?.charged).toBe(2); // the judged call was paid too
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
