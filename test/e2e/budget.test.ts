/**
 * The budget and the spending report in a real browser, against the built playground with
 * `budget: { perDay: 3 }`: the estimate says before the run that it would cross the budget; the
 * run stops at 3 credits, the Queue card shows BUDGET_REACHED with the time it resumes, and the
 * Spending card shows the credits, calls and cache hits with its chart.
 */
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { solidPng } from '../support/images';
import { waitFor } from '../support/wait-for';
import { uploadImages, type AdminApi } from './support/admin-api';
import { describeInBrowser, screenshot, screenshotOf } from './support/browser';
import type { Playground } from './support/playground';
import { E2E_KEY, pluginEnvFor } from './support/stack';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';

const PLUGIN_PAGE = '/admin/plugins/auto-alt-text';

describeInBrowser('the budget and the spending report, in the admin panel', () => {
  let emulator: Emulator;
  let app: Playground;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ emulator, app } = await startAdminStack({ env: (emulator) => ({ ...pluginEnvFor(emulator), ALT_TEXT_API_KEY: E2E_KEY, ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ budget: { perDay: 3 } }) }) }));
    const api: AdminApi = { url: app.url, jwt: app.adminJwt };
    const colours = [{ r: 220, g: 40, b: 40 }, { r: 40, g: 160, b: 60 }, { r: 30, g: 60, b: 200 }, { r: 240, g: 200, b: 20 }, { r: 120, g: 40, b: 160 }];
    await uploadImages(api, await Promise.all(colours.map(async (rgb, index) => ({ name: `budget-${index + 1}.png`, bytes: await solidPng(160, 120, rgb) }))));
    ({ browser, page } = await openAdminTab(app));
  }, 300_000);

  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  test('the estimate warns that the run crosses the daily budget; the run pauses at 3 credits (Budget reached, resumes by itself) and Spending shows them', async () => {
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    await page.getByTestId('spending-card').getByText('0 credits in the last 30 days').waitFor();
    await page.getByTestId('spending-card').getByText('Today: 0 of 3 credits').waitFor();

    await page.getByRole('button', { name: 'Estimate' }).click();
    const warning = page.getByTestId('estimate-budget');
    await warning.getByText("This run needs 5 credits; 3 are left of today's budget of 3 credits — it will pause when the budget is reached and go on at", { exact: false }).waitFor();
    await screenshotOf(page.getByTestId('estimate'), 'budget-estimate');
    await page.getByRole('button', { name: 'Start' }).click();

    const queue = page.getByTestId('queue-card');
    await queue.getByTestId('pause-reason').getByText('Budget reached').waitFor({ timeout: 30_000 });
    await queue.getByTestId('pause-resumes-at').getByText('Resumes by itself at', { exact: false }).waitFor();
    await queue.getByText('3 credits per day (UTC) are spent', { exact: false }).waitFor();
    await queue.getByText('2 waiting', { exact: false }).waitFor();
    await waitFor('three calls, no more', async () => (emulator.requests.length >= 3 ? true : undefined));
    expect(emulator.requests).toHaveLength(3);

    const spending = page.getByTestId('spending-card');
    await spending.getByTestId('spending-total').getByText('3 credits in the last 30 days').waitFor();
    await spending.getByText('3 provider calls · 0 free from cache').waitFor();
    await spending.getByText('Today: 3 of 3 credits').waitFor();
    const chart = spending.getByRole('img', { name: /Credits per day from .* 3 in total, at most 3 in one day/ });
    await chart.waitFor();
    expect(await spending.locator('rect[data-credits="3"]').count()).toBe(1);
    expect(await spending.locator('rect').count()).toBe(30);
    // The same numbers for screen readers, as a table with one row per day.
    expect(await spending.getByRole('table').locator('tbody tr').count()).toBe(30);
    expect(emulator.requests).toHaveLength(3);
    await page.getByTestId('queue-card').scrollIntoViewIfNeeded();
    await screenshot(page, 'budget-spending', { height: 1100 });
  });
});
