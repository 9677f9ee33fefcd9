/**
 * Quality flags in a real browser against the built playground: the image list's *Needs review*
 * filter shows the flagged images with the badge and each flag's name (its evidence as the tooltip),
 * and fixing a text in place takes the image off the list. One app for the file; tests run in order.
 */
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { solidPng } from '../support/images';
import { waitFor } from '../support/wait-for';
import { adminJson, uploadImages, type AdminApi } from './support/admin-api';
import { describeInBrowser, screenshot } from './support/browser';
import type { Playground } from './support/playground';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';

const PLUGIN_PAGE = '/admin/plugins/auto-alt-text';

describeInBrowser('quality flags in the image list', () => {
  let emulator: Emulator;
  let app: Playground;
  let api: AdminApi;
  let browser: Browser;
  let page: Page;
  let ids: number[];

  const put = (id: number, alternativeText: string) => adminJson(api, `/auto-alt-text/media/${id}`, { method: 'PUT', body: JSON.stringify({ alternativeText }) });
  const rowOf = (id: number) => page.getByTestId(`media-row-${id}`);
  const list = () => page.getByTestId('media-list');

  beforeAll(async () => {
    ({ emulator, app, api } = await startAdminStack());
    ids = await uploadImages(api, [
      { name: 'IMG_2041.png', bytes: await solidPng(160, 120, { r: 200, g: 30, b: 30 }) },
      { name: 'shoes.png', bytes: await solidPng(160, 120, { r: 30, g: 160, b: 60 }) },
      { name: 'clean.png', bytes: await solidPng(160, 120, { r: 30, g: 90, b: 200 }) },
    ]);
    // The clean one is described by the plugin (one call); the other two are typed badly by hand.
    const run = await adminJson<{ data: { id: number } }>(api, '/auto-alt-text/runs', { method: 'POST', body: JSON.stringify({ scope: { kind: 'ids', ids: [ids[2]] } }) });
    await waitFor(
      'the run to finish',
      async () => ((await adminJson<{ data: { status: string } }>(api, `/auto-alt-text/runs/${run.data.id}`)).data.status === 'done' ? true : undefined),
      30_000
    );
    await put(ids[0], 'Image of IMG_2041.jpg');
    await put(ids[1], 'Red running shoes, blue running shoes, cheap running shoes');
    ({ browser, page } = await openAdminTab(app));
  }, 300_000);

  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  test('Show → Needs review lists the flagged images with their reasons, and not the clean one', async () => {
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    await rowOf(ids[2]).waitFor();
    expect(await rowOf(ids[2]).getByTestId('quality-flags').count()).toBe(0);

    await list().getByRole('combobox', { name: 'Show' }).click();
    await page.getByRole('option', { name: 'Needs review' }).click();
    await rowOf(ids[2]).waitFor({ state: 'detached' });
    const first = rowOf(ids[0]).getByTestId('quality-flags');
    await first.getByText('Needs review').waitFor();
    await first.getByText('Starts with “image of”').waitFor();
    await expect(first.getByTestId('quality-flag-FILE_NAME').getAttribute('title')).resolves.toBe('contains the camera file name "IMG_2041"');
    await rowOf(ids[1]).getByTestId('quality-flags').getByText('Repeated words').waitFor();
    await list().scrollIntoViewIfNeeded();
    await screenshot(page, 'quality-flags', { height: 1500 });
    expect(emulator.requests).toHaveLength(1);
  });

  test('a text fixed in place leaves the Needs review list', async () => {
    await rowOf(ids[0]).getByRole('button', { name: 'Edit alt text' }).click();
    await rowOf(ids[0]).getByRole('textbox', { name: 'Alt text' }).fill('A red square on a plain background');
    await rowOf(ids[0]).getByRole('button', { name: 'Save alt text' }).click();
    await rowOf(ids[0]).waitFor({ state: 'detached' });
    await rowOf(ids[1]).waitFor();
  });
});
