/**
 * Issue 18, "confirm before replacing human text": Regenerate on a row a person wrote asks first,
 * and after the replace a toast offers Undo (History's Revert, no provider call).
 */
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { solidPng } from '../support/images';
import { adminFetch, createFolder, moveFiles, uploadImages, type AdminApi } from './support/admin-api';
import { describeInBrowser, screenshot } from './support/browser';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';
import type { Playground } from './support/playground';

const PLUGIN_PAGE = '/admin/plugins/auto-alt-text';
const HUMAN_TEXT = 'A red square, typed by an editor';

describeInBrowser('replacing a person\'s alt text', () => {
  let emulator: Emulator;
  let app: Playground;
  let api: AdminApi;
  let browser: Browser;
  let page: Page;
  let humanId: number;
  let generatedId: number;

  beforeAll(async () => {
    ({ emulator, app, api } = await startAdminStack());
    [humanId, generatedId] = await uploadImages(api, [
      { name: 'typed.png', bytes: await solidPng(120, 90, { r: 200, g: 30, b: 30 }) },
      { name: 'described.png', bytes: await solidPng(120, 90, { r: 30, g: 90, b: 200 }) },
    ]);
    const typed = await adminFetch(api, `/auto-alt-text/media/${humanId}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ alternativeText: HUMAN_TEXT }) });
    expect(typed.status).toBe(200);
    ({ browser, page } = await openAdminTab(app));
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
  }, 300_000);
  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  const row = (id: number) => page.getByTestId(`media-row-${id}`);

  test('Regenerate on a Human row asks first, quoting the text; Cancel changes nothing and costs nothing', async () => {
    await row(humanId).getByText(HUMAN_TEXT).waitFor();
    await row(humanId).getByRole('button', { name: 'Regenerate' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText(`“${HUMAN_TEXT}” was written by a person.`, { exact: false }).waitFor();
    await screenshot(page, 'replace-human-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForTimeout(500);
    expect(emulator.requests).toEqual([]);
    await row(humanId).getByText(HUMAN_TEXT).waitFor();
  });

  test('Replace writes a generated text; the toast\'s Undo puts the person\'s text back without a provider call', async () => {
    await row(humanId).getByRole('button', { name: 'Regenerate' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Replace' }).click();
    await row(humanId).getByText('Generated', { exact: true }).waitFor({ timeout: 30_000 });
    const toast = page.getByTestId('undo-toast');
    await toast.getByText('Alt text of typed.png replaced.').waitFor();
    await screenshot(page, 'replace-human-undo');
    expect(emulator.requests).toHaveLength(1);

    await toast.getByRole('button', { name: 'Undo' }).click();
    await row(humanId).getByText(HUMAN_TEXT).waitFor();
    await row(humanId).getByText('Human', { exact: true }).waitFor();
    await toast.waitFor({ state: 'detached' });
    expect(emulator.requests).toHaveLength(1);
  });

  test('Regenerate on a row the plugin wrote does not ask', async () => {
    await row(generatedId).getByRole('button', { name: 'Generate', exact: true }).click(); // no text yet: Generate, queued at once
    await row(generatedId).getByText('Generated', { exact: true }).waitFor({ timeout: 30_000 });
    await row(generatedId).getByRole('button', { name: 'Regenerate' }).click();
    await page.waitForTimeout(300);
    await expect(page.getByRole('alertdialog').count()).resolves.toBe(0);
  });

  test('Start stays disabled when the estimate finds no image to describe', async () => {
    const bulk = page.getByTestId('bulk-panel');
    await bulk.getByRole('button', { name: 'Estimate' }).click(); // Missing alt text only: both images have text
    await page.getByTestId('estimate').getByText('0 images', { exact: false }).waitFor();
    await expect(bulk.getByRole('button', { name: 'Start' }).isDisabled()).resolves.toBe(true);
  });

  test('an Overwrite run asks first, counting the texts people wrote; Cancel starts nothing', async () => {
    const bulk = page.getByTestId('bulk-panel');
    await bulk.getByRole('combobox', { name: 'Images' }).click();
    await page.getByRole('option', { name: 'All images' }).click();
    await bulk.getByRole('combobox', { name: 'Mode' }).click();
    await page.getByRole('option', { name: 'Overwrite' }).click();
    await bulk.getByRole('button', { name: 'Estimate' }).click();
    await page.getByTestId('estimate').getByText(/^2 images, about/).waitFor();
    const requests = emulator.requests.length;
    await bulk.getByRole('button', { name: 'Start' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Overwrite the alt text of 2 images?').waitFor();
    await dialog.getByText('1 text a person wrote is among them and will be replaced.', { exact: false }).waitFor();
    await screenshot(page, 'overwrite-run-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByTestId('run-progress').count()).resolves.toBe(0);
    expect(emulator.requests.length).toBe(requests);
  });

  test('a folder run picks the folder by its path of names, with the images it holds', async () => {
    const products = await createFolder(api, 'Products');
    const shoes = await createFolder(api, 'Shoes', products);
    await moveFiles(api, [generatedId], shoes);
    await page.reload();
    const bulk = page.getByTestId('bulk-panel');
    await bulk.getByRole('combobox', { name: 'Images' }).click();
    await page.getByRole('option', { name: 'One folder' }).click();
    await bulk.getByRole('combobox', { name: 'Folder' }).click();
    await page.getByRole('option', { name: 'Products (1 image)' }).waitFor();
    await page.getByRole('option', { name: 'Products / Shoes (1 image)' }).click();
    await bulk.getByRole('combobox', { name: 'Mode' }).click();
    await page.getByRole('option', { name: 'Overwrite' }).click();
    await bulk.getByRole('button', { name: 'Estimate' }).click();
    await page.getByTestId('estimate').getByText(/^1 image, about/).waitFor();
    await screenshot(page, 'bulk-folder-picker');
  });

  test('a run started while the queue is paused says it waits and why; its end is announced', async () => {
    expect((await adminFetch(api, '/auto-alt-text/queue/pause', { method: 'POST', body: '{}' })).status).toBe(200);
    await page.reload();
    const bulk = page.getByTestId('bulk-panel');
    await bulk.getByRole('combobox', { name: 'Images' }).click();
    await page.getByRole('option', { name: 'All images' }).click();
    await bulk.getByRole('combobox', { name: 'Mode' }).click();
    await page.getByRole('option', { name: 'Overwrite' }).click();
    await bulk.getByRole('checkbox', { name: 'Ask the provider again for every image (do not reuse texts of identical images)' }).click();
    await bulk.getByRole('button', { name: 'Estimate' }).click();
    await page.getByTestId('estimate').getByText(/^2 images, about 2 credits/).waitFor();
    await bulk.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Overwrite' }).click();
    const progress = page.getByTestId('run-progress');
    await progress.getByTestId('run-waiting').getByText('Waiting: the queue is paused (Paused by an admin).', { exact: false }).waitFor();
    await screenshot(page, 'run-waiting-on-queue');

    expect((await adminFetch(api, '/auto-alt-text/queue/resume', { method: 'POST', body: '{}' })).status).toBe(200);
    // Told twice: by the toast, and by the live region screen readers hear (docs/admin.md, "Screen readers").
    const finished = page.getByText(/^Run #\d+ finished: 2 images described, 0 failed\.$/);
    await page.getByTestId('run-announcer').and(finished).waitFor({ state: 'attached', timeout: 30_000 });
    await finished.and(page.locator(':not([data-testid="run-announcer"])')).waitFor();
    await progress.getByText('100 %').waitFor();
    await expect(progress.getByTestId('run-waiting').count()).resolves.toBe(0);
  });
});
