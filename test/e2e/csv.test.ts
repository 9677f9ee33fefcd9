/**
 * The dashboard's CSV panel in a real browser against the built playground: an export downloads a
 * CSV with the header, a bad file shows the per-row error table (translated reasons), a good one
 * the counts.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { solidPng } from '../support/images';
import { uploadImages, type AdminApi } from './support/admin-api';
import { describeInBrowser, logIn, screenshotOf } from './support/browser';
import { SUPER_ADMIN, type Playground } from './support/playground';
import { E2E_KEY, pluginEnvFor } from './support/stack';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';
import { expectAccessible } from './support/axe';

const PLUGIN_PAGE = '/admin/plugins/auto-alt-text';
const HEADER = 'fileId,fileName,locale,altText,source';

describeInBrowser('the CSV panel', () => {
  let emulator: Emulator;
  let app: Playground;
  let browser: Browser;
  let page: Page;
  let ids: number[];

  beforeAll(async () => {
    ({ emulator, app } = await startAdminStack({ accounts: [{ key: E2E_KEY, credits: 10 }], env: (emulator) => pluginEnvFor(emulator) }));
    const api: AdminApi = { url: app.url, jwt: app.adminJwt };
    ids = await uploadImages(api, [
      { name: 'csv-red.png', bytes: await solidPng(120, 90, { r: 200, g: 30, b: 30 }) },
      { name: 'csv-blue.png', bytes: await solidPng(120, 90, { r: 30, g: 90, b: 200 }) },
    ]);
    ({ browser, page } = await openAdminTab(app, { signIn: false }));
    await logIn(page, app.url, SUPER_ADMIN);
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    await page.getByTestId('csv-panel').waitFor();
  }, 300_000);

  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  const choose = (name: string, content: string) =>
    page.getByTestId('csv-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${content}`, 'utf8') });

  test('the page does not move under the clicks: Strapi\'s Media Library banner stays closed', async () => {
    await page.waitForTimeout(1000); // the banner, when it comes, comes once Strapi's init answers
    await expect(page.getByText('Introducing the new Media Library').count()).resolves.toBe(0);
  });

  test('Download CSV saves a UTF-8 file with a BOM, the header and a row per image', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^alt-text-all-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    for (const id of ids) expect(text).toMatch(new RegExp(`\\r\\n${id},csv-(red|blue)\\.png,en,,missing\\r\\n`));
  });

  test('a bad file shows the rows at fault with translated reasons, and nothing is imported', async () => {
    await choose('bad.csv', `${HEADER}\r\n${ids[0]},csv-red.png,en,"A red square, ""flat""",\r\n99999999,gone.png,en,Gone,\r\n${ids[1]},csv-blue.png,xx,Blue,\r\n`);
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const errors = page.getByTestId('csv-errors');
    await errors.getByText('2 problems found: nothing was imported.', { exact: false }).waitFor();
    await errors.getByText('No such file', { exact: true }).waitFor();
    await errors.getByText('Not a locale the plugin writes', { exact: true }).waitFor();
    await screenshotOf(page.getByTestId('csv-panel'), 'csv-import-errors');
    await expectAccessible(page, { screen: 'CSV import report: refused rows', include: ['[data-testid="csv-panel"]'] });
  });

  test('a good file shows the counts', async () => {
    await choose('good.csv', `${HEADER}\r\n${ids[0]},csv-red.png,en,"A red square, ""flat""",\r\n${ids[1]},csv-blue.png,en,"A blue square\non white",\r\n`);
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.getByTestId('csv-result').getByText('2 rows: 2 written, 0 unchanged, 0 skipped (empty)').waitFor();
    await expect(page.getByTestId('csv-errors').count()).resolves.toBe(0);
    await expectAccessible(page, { screen: 'CSV import report: imported', include: ['[data-testid="csv-panel"]'] });
    expect(emulator.requests).toEqual([]);
  });
});
