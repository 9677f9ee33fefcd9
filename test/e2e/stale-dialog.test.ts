/**
 * Issue 18, "never lose text": an editor opens an image in Strapi's own Media Library before its
 * generated alt text arrives, types a caption meanwhile and saves. The dialog sends back the empty
 * alt text it loaded; before the plugin's guard (lifecycles/upload-files.ts, alt-text/emptied-text.ts)
 * that wiped the generated text, the image became Missing and was not queued again.
 */
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import type { MediaItemView } from '../../shared/contracts/media';
import { solidPng } from '../support/images';
import { waitFor } from '../support/wait-for';
import { adminJson, uploadImages, type AdminApi } from './support/admin-api';
import { describeInBrowser, screenshotOf } from './support/browser';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';
import type { Playground } from './support/playground';
import { E2E_KEY, pluginEnvFor } from './support/stack';

describeInBrowser('a Media Library dialog opened before the alt text arrived', () => {
  let emulator: Emulator;
  let app: Playground;
  let api: AdminApi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // Described on upload, as a site has it (the other browser tests start runs by hand).
    ({ emulator, app, api } = await startAdminStack({ env: (emulator) => ({ ...pluginEnvFor(emulator), ALT_TEXT_API_KEY: E2E_KEY, ALT_TEXT_AUTO_ON_UPLOAD: 'true' }) }));
    ({ browser, page } = await openAdminTab(app));
  }, 300_000);
  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  const imageRow = async (id: number) =>
    (await adminJson<{ data: { rows: MediaItemView[] } }>(api, '/auto-alt-text/media?filter=all&pageSize=50')).data.rows.find((row) => row.id === id);

  test('with no image yet, the homepage widget says what to do, with a link to the Media Library', async () => {
    await page.goto(`${app.url}/admin`);
    await page.getByText('No images yet. Upload one in the Media Library: its alt text is written for you.').waitFor();
    await page.getByRole('link', { name: 'Open the Media Library' }).click();
    await page.waitForURL(/\/admin\/plugins\/upload/);
  });

  test('saving a caption keeps the generated text the dialog never saw', async () => {
    emulator.setFaults({ latencyMs: 5_000 }); // the provider answers while the dialog is open
    const [id] = await uploadImages(api, [{ name: 'stale.png', bytes: await solidPng(120, 90, { r: 200, g: 30, b: 30 }) }]);
    await page.goto(`${app.url}/admin/plugins/upload`);
    await page.getByText('stale.png').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.locator('input[name="alternativeText"]').inputValue()).resolves.toBe('');

    const generated = await waitFor('the generated text', async () => {
      const row = await imageRow(id);
      return row?.source === 'generated' ? (row.alternativeText ?? undefined) : undefined;
    }, 30_000);
    emulator.setFaults({});

    await dialog.locator('input[name="caption"]').fill('Typed while the text was on its way');
    const saved = page.waitForResponse((response) => /\/upload(\/|\?)/.test(response.url()) && response.request().method() !== 'GET');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    expect((await saved).status()).toBe(200);

    const after = await imageRow(id);
    expect(after).toMatchObject({ alternativeText: generated, source: 'generated' });
    expect(emulator.requests.filter((request) => request.result !== undefined)).toHaveLength(1); // one description, never asked again

    // Opened again, the dialog shows the text and the caption.
    await page.reload();
    await page.getByText('stale.png').click();
    await expect(page.getByRole('dialog').locator('input[name="alternativeText"]').inputValue()).resolves.toBe(generated);
    await expect(page.getByRole('dialog').locator('input[name="caption"]').inputValue()).resolves.toBe('Typed while the text was on its way');
    await screenshotOf(page.getByRole('dialog'), 'media-library-dialog-kept-text');
  }, 120_000);
});
