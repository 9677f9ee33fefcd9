/**
 * The fallback provider in a real browser against the built playground: AltTextLab runs out of
 * credits after one image, AltTextAI (the fallback) writes the others; the dashboard says which
 * provider is in use and why, the image list says who wrote each text, and the settings page shows
 * the fallback read-only — never its key.
 */
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { solidPng } from '../support/images';
import { waitFor } from '../support/wait-for';
import { adminJson, uploadImages, type AdminApi } from './support/admin-api';
import { describeInBrowser, screenshot, screenshotOf } from './support/browser';
import type { Playground } from './support/playground';
import { E2E_KEY, pluginEnvFor } from './support/stack';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';

const PLUGIN_PAGE = '/admin/plugins/auto-alt-text';
const FALLBACK_KEY = 'e2e-fallback-alttextai-key-00009c1d';

interface MediaRowData {
  id: number;
  alternativeText: string | null;
  generatedBy?: { provider: string; fallback?: boolean };
}

describeInBrowser('the fallback provider, in the admin panel', () => {
  let emulator: Emulator;
  let app: Playground;
  let api: AdminApi;
  let browser: Browser;
  let page: Page;

  const media = async () => (await adminJson<{ data: { rows: MediaRowData[] } }>(api, '/auto-alt-text/media?pageSize=100')).data.rows;

  beforeAll(async () => {
    ({ emulator, app, api } = await startAdminStack({
      accounts: [{ key: E2E_KEY, credits: 1, plan: 'Pro' }, { key: FALLBACK_KEY, credits: 100 }],
      env: (emulator) => ({
        ...pluginEnvFor(emulator),
        ALT_TEXT_AUTO_ON_UPLOAD: 'true',
        ALT_TEXT_CONCURRENCY: '1',
        ALT_TEXT_API_KEY: E2E_KEY,
        ALT_TEXT_FALLBACK_PROVIDER: 'alttextai',
        ALT_TEXT_FALLBACK_API_KEY: FALLBACK_KEY,
        ALT_TEXT_FALLBACK_BASE_URL: emulator.baseUrls.alttextai,
      }),
    }));
    await uploadImages(api, [{ name: 'red-square.png', bytes: await solidPng(320, 240, { r: 200, g: 30, b: 30 }) }]);
    await uploadImages(api, [{ name: 'green-square.png', bytes: await solidPng(320, 240, { r: 30, g: 160, b: 60 }) }]);
    await uploadImages(api, [{ name: 'blue-square.png', bytes: await solidPng(320, 240, { r: 30, g: 90, b: 200 }) }]);
    await waitFor('three images with alt text', async () => ((await media()).filter((row) => row.alternativeText).length === 3 ? true : undefined), 30_000);
    ({ browser, page } = await openAdminTab(app));
  }, 300_000);

  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  test('the dashboard says the fallback is in use and why, and the image list which texts it wrote', async () => {
    const rows = await media();
    expect(rows.filter((row) => row.generatedBy?.fallback).map((row) => row.generatedBy?.provider)).toEqual(['alttextai', 'alttextai']);

    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    const notice = page.getByTestId('queue-card').getByTestId('fallback-in-use');
    await notice.getByText(/^Fallback provider in use: AltTextAI \(autoalt\.app\) — AltTextLab is out of credits \(since .+\)$/).waitFor();
    await page.getByTestId('queue-card').getByText('Running').waitFor();
    // The image list loads after the queue card: wait for its rows before counting them (a count does not wait).
    await page.getByTestId('generated-by-fallback').first().getByText('by AltTextAI (autoalt.app), the fallback provider').waitFor();
    await expect(page.getByTestId('generated-by-fallback').count()).resolves.toBe(2);
    await screenshot(page, 'fallback-dashboard', { height: 1100 });
  });

  test('the settings page shows the fallback read-only, and that its key is set, never the key', async () => {
    await page.goto(`${app.url}/admin/settings/auto-alt-text`);
    const section = page.getByTestId('settings-fallback');
    await section.getByTestId('fallback-provider').getByText('AltTextAI (autoalt.app)').waitFor();
    await section.getByTestId('fallback-base-url').getByText(emulator.baseUrls.alttextai).waitFor();
    await section.getByTestId('fallback-key').getByText('Key set in the server configuration').waitFor();
    await expect(section.getByRole('textbox').count()).resolves.toBe(0);
    expect(await page.content()).not.toContain(FALLBACK_KEY);
    await screenshotOf(section, 'settings-fallback');
  });
});
