/**
 * Decorative images in a real browser against the built playground, with `detectDecorative` on: an
 * editor marks an image decorative in the image list and sees the badge and its alt="" text; the
 * Decorative filter lists it beside detection's suggestion (a 1×1 spacer, never described); Not
 * decorative makes it missing again.
 */
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { noisyPng, solidPng } from '../support/images';
import { waitFor } from '../support/wait-for';
import { adminJson, uploadImages, type AdminApi } from './support/admin-api';
import { describeInBrowser, screenshot } from './support/browser';
import type { Playground } from './support/playground';
import { E2E_KEY, pluginEnvFor } from './support/stack';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';

const PLUGIN_PAGE = '/admin/plugins/auto-alt-text';

interface Row {
  id: number;
  alternativeText: string | null;
  source: string;
  decorative?: { status: string };
}

describeInBrowser('decorative images, in the admin panel', () => {
  let emulator: Emulator;
  let app: Playground;
  let api: AdminApi;
  let browser: Browser;
  let page: Page;
  let photo: number;
  let ornament: number;
  let spacer: number;

  const rows = async () => (await adminJson<{ data: { rows: Row[] } }>(api, '/auto-alt-text/media?pageSize=100')).data.rows;
  const rowOf = (id: number) => page.getByTestId(`media-row-${id}`);
  const show = async (name: string) => {
    await page.getByTestId('media-list').getByRole('combobox', { name: 'Show' }).click();
    await page.getByRole('option', { name, exact: true }).click();
  };

  beforeAll(async () => {
    // Uploads are described here (the other browser tests switch that off): the spacer must meet detection on its way in.
    ({ emulator, app, api } = await startAdminStack({
      env: (emulator) => ({ ...pluginEnvFor(emulator), ALT_TEXT_AUTO_ON_UPLOAD: 'true', ALT_TEXT_API_KEY: E2E_KEY, ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ detectDecorative: true }) }),
    }));
    [photo] = await uploadImages(api, [{ name: 'market-photo.png', bytes: await noisyPng(200, 150) }]);
    [ornament] = await uploadImages(api, [{ name: 'flourish-ornament.png', bytes: await noisyPng(240, 60) }]);
    [spacer] = await uploadImages(api, [{ name: 'spacer.png', bytes: await solidPng(1, 1, { r: 255, g: 255, b: 255 }) }]);
    await waitFor('the photo and the ornament described, the spacer suggested', async () => {
      const all = await rows();
      const described = all.filter((row) => row.source === 'generated').length === 2;
      return described && all.find((row) => row.id === spacer)?.decorative?.status === 'suggested' ? true : undefined;
    }, 30_000);
    ({ browser, page } = await openAdminTab(app));
  }, 300_000);

  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  test('Mark decorative shows the badge and alt="", the Decorative filter lists it beside a suggested spacer', async () => {
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    await rowOf(spacer).getByText('Suggested decorative').waitFor();
    await rowOf(spacer).getByText('1×1 px spacer').waitFor();
    await rowOf(spacer).getByRole('button', { name: 'Confirm decorative' }).waitFor();
    await rowOf(spacer).getByRole('button', { name: 'Describe anyway' }).waitFor();

    await rowOf(ornament).getByRole('button', { name: 'Mark decorative' }).click();
    await rowOf(ornament).getByText('Decorative', { exact: true }).waitFor();
    await rowOf(ornament).getByTestId('alt-text').getByText('Decorative: alt=""', { exact: false }).waitFor();
    await rowOf(ornament).getByRole('button', { name: 'Not decorative' }).waitFor();
    expect((await rows()).find((row) => row.id === ornament)).toMatchObject({ source: 'decorative', alternativeText: '' });

    await show('Decorative');
    // The filtered list replaces the one on screen: wait for the photo to leave (it fails if it stays).
    await rowOf(photo).waitFor({ state: 'detached' });
    await rowOf(ornament).waitFor();
    await rowOf(spacer).waitFor();
    expect(await rowOf(photo).count()).toBe(0);
    await page.getByTestId('media-list').scrollIntoViewIfNeeded();
    await screenshot(page, 'decorative', { height: 1400 });
    // Two images, no credit for the spacer: only the photo and the ornament were described.
    expect(emulator.requests).toHaveLength(2);
  });

  test('Not decorative makes it missing again', async () => {
    await show('All images');
    await rowOf(ornament).getByRole('button', { name: 'Not decorative' }).click();
    await rowOf(ornament).getByText('Missing', { exact: true }).waitFor();
    await rowOf(ornament).getByRole('button', { name: 'Mark decorative' }).waitFor();
    expect((await rows()).find((row) => row.id === ornament)).toMatchObject({ source: 'missing' });
  });
});
