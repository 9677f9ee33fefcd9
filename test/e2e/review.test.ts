/**
 * Review before publish in a real browser against the built playground (`review: 'new'`): three
 * uploads wait as suggestions; the dashboard says so and links to the Review page; the keyboard
 * approves one as it is (A), edits and approves another (E, Enter), and the counts follow.
 */
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { solidPng } from '../support/images';
import { waitFor } from '../support/wait-for';
import { adminJson, uploadImages, type AdminApi } from './support/admin-api';
import { describeInBrowser, screenshot } from './support/browser';
import type { Playground } from './support/playground';
import { E2E_KEY, pluginEnvFor } from './support/stack';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';
import { expectAccessible, PLUGIN_UI } from './support/axe';

const PLUGIN_PAGE = '/admin/plugins/auto-alt-text';

interface ReviewData {
  rows: Array<{ id: number; fileId: number; text: string }>;
  total: number;
}
interface MediaRowData {
  id: number;
  alternativeText: string | null;
  source: string;
}

describeInBrowser('review before publish, in the admin panel', () => {
  let emulator: Emulator;
  let app: Playground;
  let api: AdminApi;
  let browser: Browser;
  let page: Page;

  const review = async () => (await adminJson<{ data: ReviewData }>(api, '/auto-alt-text/review?pageSize=100')).data;
  const media = async () => (await adminJson<{ data: { rows: MediaRowData[] } }>(api, '/auto-alt-text/media?pageSize=100')).data.rows;

  beforeAll(async () => {
    ({ emulator, app, api } = await startAdminStack({
      env: (emulator) => ({ ...pluginEnvFor(emulator), ALT_TEXT_AUTO_ON_UPLOAD: 'true', ALT_TEXT_API_KEY: E2E_KEY, ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ review: 'new' }) }),
    }));
    await uploadImages(api, [{ name: 'red-square.png', bytes: await solidPng(320, 240, { r: 200, g: 30, b: 30 }) }]);
    await uploadImages(api, [{ name: 'green-square.png', bytes: await solidPng(320, 240, { r: 30, g: 160, b: 60 }) }]);
    await uploadImages(api, [{ name: 'blue-square.png', bytes: await solidPng(320, 240, { r: 30, g: 90, b: 200 }) }]);
    await waitFor('three suggestions', async () => ((await review()).total === 3 ? true : undefined), 30_000);
    ({ browser, page } = await openAdminTab(app));
  }, 300_000);

  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  test('the dashboard counts the suggestions and links to the Review page, which lists its shortcuts', async () => {
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    const notice = page.getByTestId('review-notice');
    await notice.getByText('3 suggestions await review').waitFor();
    await notice.getByRole('link', { name: 'Review' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/plugins/auto-alt-text/review'));
    await page.getByTestId('review-shortcuts').getByText(/A approve · E edit/).waitFor();
    const first = (await review()).rows[0];
    await page.getByTestId('review-suggested-text').getByText(first.text).waitFor();
    await page.getByTestId('review-current-text').getByText('None').waitFor();
    // The image is still missing its text: nothing was written.
    expect((await media()).every((row) => row.alternativeText === null)).toBe(true);
    await screenshot(page, 'review', { height: 1100 });
    await expectAccessible(page, { screen: 'review page', include: PLUGIN_UI.page });
  });

  test('A approves the current suggestion as the plugin\'s; E, a new text and Enter approve it as a person\'s; K/J move', async () => {
    const [first, second, third] = (await review()).rows;
    await page.getByTestId('review-suggested-text').getByText(first.text).waitFor();
    await page.keyboard.press('a');
    await page.getByTestId('review-suggested-text').getByText(second.text).waitFor();
    await page.getByText('2 suggestions await review', { exact: false }).waitFor();
    expect((await media()).find((row) => row.id === first.fileId)).toMatchObject({ alternativeText: first.text, source: 'generated' });

    await page.keyboard.press('j');
    await page.getByTestId('review-suggested-text').getByText(third.text).waitFor();
    await page.keyboard.press('k');
    await page.getByTestId('review-suggested-text').getByText(second.text).waitFor();

    await page.keyboard.press('e');
    const box = page.getByRole('textbox', { name: 'Edit the suggested alt text' });
    await box.fill('A green square, checked by an editor');
    await box.press('Enter');
    await page.getByTestId('review-suggested-text').getByText(third.text).waitFor();
    await page.getByText('1 suggestion awaits review', { exact: false }).waitFor();
    expect((await media()).find((row) => row.id === second.fileId)).toMatchObject({ alternativeText: 'A green square, checked by an editor', source: 'human' });

    // Esc leaves an edit without approving anything.
    await page.keyboard.press('e');
    await page.getByRole('textbox', { name: 'Edit the suggested alt text' }).press('Escape');
    await page.getByTestId('review-suggested-text').getByText(third.text).waitFor();
    expect((await review()).total).toBe(1);
    expect(emulator.requests).toHaveLength(3); // the uploads' calls: deciding costs nothing

    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    await page.getByTestId('review-notice').getByText('1 suggestion awaits review').waitFor();
  });

  test('the settings page shows the review mode, locked when config/plugins sets it', async () => {
    await page.goto(`${app.url}/admin/settings/auto-alt-text`);
    const select = page.getByRole('combobox', { name: 'Review before publish' });
    await select.getByText('New images: review text for images that had none').waitFor();
    await expect(select.isDisabled()).resolves.toBe(true);
    await page.getByText('Locked: Set in config/plugins').first().waitFor();
  });
});
