/**
 * History and undo in a real browser against the built playground: an image described by the
 * plugin, then edited by a person; its History dialog lists both, newest first, and Revert puts the
 * generated text back in the list (a person's choice now). Costs one provider call (the upload's).
 */
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { solidPng } from '../support/images';
import { waitFor } from '../support/wait-for';
import { adminJson, uploadImages, type AdminApi } from './support/admin-api';
import { describeInBrowser, screenshotOf } from './support/browser';
import type { Playground } from './support/playground';
import { E2E_KEY } from './support/stack';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';
import { expectAccessible, PLUGIN_UI } from './support/axe';

const PLUGIN_PAGE = '/admin/plugins/auto-alt-text';

describeInBrowser('alt-text history in the admin panel', () => {
  let emulator: Emulator;
  let app: Playground;
  let api: AdminApi;
  let browser: Browser;
  let page: Page;
  let id: number;
  let generated: string;

  beforeAll(async () => {
    ({ emulator, app, api } = await startAdminStack({ accounts: [{ key: E2E_KEY, credits: 50, plan: 'Pro' }] }));
    [id] = await uploadImages(api, [{ name: 'history-square.png', bytes: await solidPng(160, 120, { r: 240, g: 170, b: 20 }) }]);
    // The e2e stack does not describe uploads: Regenerate makes the one call.
    await adminJson(api, `/auto-alt-text/media/${id}/regenerate`, { method: 'POST', body: JSON.stringify({}) });
    await waitFor('the image described', async () => emulator.requests[0]?.result, 30_000);
    generated = emulator.requests[0].result as string;
    await waitFor('the text stored', async () => {
      const history = await adminJson<{ data: { total: number } }>(api, `/auto-alt-text/media/${id}/history`);
      return history.data.total === 1 ? true : undefined;
    });
    await adminJson(api, `/auto-alt-text/media/${id}`, { method: 'PUT', body: JSON.stringify({ alternativeText: 'An orange square, typed by hand' }) });
    ({ browser, page } = await openAdminTab(app));
  }, 300_000);

  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  test('the History dialog lists the versions; Revert restores the generated text in the list', async () => {
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    const row = page.getByTestId(`media-row-${id}`);
    await row.getByText('An orange square, typed by hand').waitFor();
    await row.getByRole('button', { name: 'History' }).click();
    const dialog = page.getByTestId('history-dialog');
    await dialog.getByText('Edited', { exact: true }).waitFor();
    await dialog.getByText('Generated', { exact: true }).waitFor();
    await dialog.getByText('Current', { exact: true }).waitFor();
    await expect(dialog.getByRole('button', { name: 'Revert' }).count()).resolves.toBe(1); // not on the current version
    await screenshotOf(page.getByRole('dialog'), 'history');
    await expectAccessible(page, { screen: 'plugin page: History dialog', include: PLUGIN_UI.dialog });

    await dialog.getByRole('button', { name: 'Revert' }).click();
    await dialog.getByText('Reverted', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    await row.getByTestId('alt-text').getByText(generated).waitFor();
    await row.getByText('Human', { exact: true }).waitFor();
    expect(emulator.requests).toHaveLength(1);
  });
});
