/**
 * Issue 18, item 4: the inline editor of the image list — several lines, a counter against the
 * configured `maxLength` (warned past it, refused past the hard limit with the reason), Escape
 * cancels, and a toast says what a save did.
 */
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { solidPng } from '../support/images';
import { uploadImages, type AdminApi } from './support/admin-api';
import { describeInBrowser, screenshot, screenshotOf } from './support/browser';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';
import type { Playground } from './support/playground';
import { E2E_KEY, pluginEnvFor } from './support/stack';

const PLUGIN_PAGE = '/admin/plugins/auto-alt-text';

describeInBrowser('editing an alt text in the image list', () => {
  let emulator: Emulator;
  let app: Playground;
  let api: AdminApi;
  let browser: Browser;
  let page: Page;
  let id: number;

  beforeAll(async () => {
    ({ emulator, app, api } = await startAdminStack({ env: (emulator) => ({ ...pluginEnvFor(emulator), ALT_TEXT_API_KEY: E2E_KEY, ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ maxLength: 40 }) }) }));
    [id] = await uploadImages(api, [{ name: 'edited.png', bytes: await solidPng(120, 90, { r: 20, g: 160, b: 60 }) }]);
    ({ browser, page } = await openAdminTab(app));
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
  }, 300_000);
  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  const row = () => page.getByTestId(`media-row-${id}`);
  const editor = () => row().getByRole('textbox', { name: 'Alt text' });

  test('Escape cancels: nothing is saved', async () => {
    await row().getByRole('button', { name: 'Edit alt text' }).click();
    await editor().fill('Not meant to be kept');
    await row().getByTestId('alt-text-counter').getByText('20 / 40 characters').waitFor();
    await editor().press('Escape');
    await editor().waitFor({ state: 'detached' });
    await row().getByText('No alt text').waitFor();
  });

  test('past the configured length the counter warns, and the text can still be saved; a toast says so', async () => {
    await row().getByRole('button', { name: 'Edit alt text' }).click();
    const text = 'A green square on a plain background, seen from above';
    await editor().fill(text);
    await row().getByTestId('alt-text-counter').getByText(`${text.length} characters: longer than the 40 set in Settings (it can still be saved).`).waitFor();
    await screenshotOf(row(), 'inline-edit-warning');
    await row().getByRole('button', { name: 'Save alt text' }).click();
    await page.getByText('Alt text saved: it now counts as written by a person').waitFor();
    await row().getByText(text).waitFor();
    await row().getByText('Human', { exact: true }).waitFor();
  });

  test('past the hard limit Save is refused, with the reason; Enter saves, Shift+Enter breaks the line', async () => {
    await row().getByRole('button', { name: 'Edit alt text' }).click();
    await editor().fill('x'.repeat(2001));
    await row().getByTestId('alt-text-counter').getByText('2,001 / 2,000 characters: too long to save.', { exact: false }).waitFor();
    await expect(row().getByRole('button', { name: 'Save alt text' }).isDisabled()).resolves.toBe(true);
    await editor().fill('First line');
    await editor().press('Shift+Enter');
    await editor().pressSequentially('second line');
    await expect(editor().inputValue()).resolves.toBe('First line\nsecond line');
    await editor().press('Enter');
    await editor().waitFor({ state: 'detached' });
    await row().getByText('First line', { exact: false }).waitFor();
    expect(emulator.requests).toEqual([]);
  });

  test('Settings: Save waits for a change, and leaving with unsaved changes asks first', async () => {
    await page.goto(`${app.url}/admin/settings/auto-alt-text`);
    const save = page.getByRole('button', { name: 'Save', exact: true });
    // A plain number field (the language is a picker now; maxLength is locked by this stack's config).
    const concurrency = page.locator('input[name="concurrency"]');
    await concurrency.waitFor();
    await expect(save.isDisabled()).resolves.toBe(true);
    await concurrency.fill('3');
    await expect(save.isEnabled()).resolves.toBe(true);

    await page.locator(`nav a[href="${PLUGIN_PAGE}"]`).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Leave without saving?').waitFor();
    await screenshot(page, 'settings-leave-unsaved');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(concurrency.inputValue()).resolves.toBe('3');
    expect(new URL(page.url()).pathname).toBe('/admin/settings/auto-alt-text');

    await page.locator(`nav a[href="${PLUGIN_PAGE}"]`).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Leave' }).click();
    await page.waitForURL((url) => url.pathname === PLUGIN_PAGE);
    await page.goto(`${app.url}/admin/settings/auto-alt-text`);
    await expect(concurrency.inputValue()).resolves.toBe('2');
    await concurrency.fill('3');
    await expect(save.isEnabled()).resolves.toBe(true);
    await concurrency.fill('2');
    await expect(save.isDisabled()).resolves.toBe(true); // typed back to what is stored: nothing to save
  });
});
