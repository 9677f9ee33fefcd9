/**
 * Alt text in every locale, in a real browser against the built playground: `locales: 'i18n'` with
 * i18n's en, fr and de. The image list switches locale (kept in the URL), shows each locale's text
 * with its own source and saves an edit in the locale shown; coverage is counted per locale; a run's
 * estimate counts images × locales; the entry editor shows and edits the entry's locale. One app for
 * the file; the tests run in order.
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

interface Row {
  id: number;
  alternativeText: string | null;
  source: string;
  locale: string;
}

describeInBrowser('alt text in every locale, in the admin panel', () => {
  let emulator: Emulator;
  let app: Playground;
  let api: AdminApi;
  let browser: Browser;
  let page: Page;
  let red: number;
  let green: number;
  let blue: number;

  const put = (id: number, alternativeText: string, locale?: string) =>
    adminJson(api, `/auto-alt-text/media/${id}`, { method: 'PUT', body: JSON.stringify({ alternativeText, ...(locale ? { locale } : {}) }) });
  const rowsIn = async (locale: string) => (await adminJson<{ data: { rows: Row[] } }>(api, `/auto-alt-text/media?locale=${locale}&pageSize=100`)).data.rows;
  const rowOf = (id: number) => page.getByTestId(`media-row-${id}`);
  const chooseLocale = async (name: string) => {
    await page.getByTestId('media-list').getByRole('combobox', { name: 'Locale' }).click();
    await page.getByRole('option', { name }).click();
  };

  beforeAll(async () => {
    ({ emulator, app, api } = await startAdminStack({ env: (emulator) => ({ ...pluginEnvFor(emulator), ALT_TEXT_API_KEY: E2E_KEY, ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ locales: 'i18n' }) }) }));
    for (const [code, name] of [['fr', 'French (fr)'], ['de', 'German (de)']]) {
      await adminJson(api, '/i18n/locales', { method: 'POST', body: JSON.stringify({ code, name, isDefault: false }) });
    }
    [red] = await uploadImages(api, [{ name: 'red-square.png', bytes: await solidPng(160, 120, { r: 200, g: 30, b: 30 }) }]);
    [green] = await uploadImages(api, [{ name: 'green-square.png', bytes: await solidPng(160, 120, { r: 30, g: 160, b: 60 }) }]);
    [blue] = await uploadImages(api, [{ name: 'blue-square.png', bytes: await solidPng(160, 120, { r: 30, g: 90, b: 200 }) }]);
    // English for one image, French for all three: two by hand, one by the plugin (a French-only run).
    await put(red, 'A red square');
    await put(red, 'Un carré rouge', 'fr');
    await put(green, 'Un carré vert', 'fr');
    const run = await adminJson<{ data: { id: number } }>(api, '/auto-alt-text/runs', { method: 'POST', body: JSON.stringify({ scope: { kind: 'ids', ids: [blue] }, locale: 'fr' }) });
    await waitFor(
      'the French run to finish',
      async () => ((await adminJson<{ data: { status: string } }>(api, `/auto-alt-text/runs/${run.data.id}`)).data.status === 'done' ? true : undefined),
      30_000
    );
    ({ browser, page } = await openAdminTab(app));
  }, 300_000);

  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  test('the image list switches to French: each row shows its French text and source, and a reload keeps the locale', async () => {
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    // The default locale first: English, where only the red square has a text.
    await rowOf(red).getByText('A red square').waitFor();
    await rowOf(green).getByText('No alt text').waitFor();

    await chooseLocale('French (fr)');
    await page.waitForURL((url) => url.searchParams.get('locale') === 'fr');
    await rowOf(red).getByText('Un carré rouge').waitFor();
    await rowOf(red).getByText('Human', { exact: true }).waitFor();
    await rowOf(blue).getByText('Generated', { exact: true }).waitFor();
    await expect(rowOf(blue).getByTestId('alt-text').textContent()).resolves.toMatch(/image dominated by/i);

    await page.reload();
    await rowOf(green).getByText('Un carré vert').waitFor();
    await page.getByTestId('media-list').getByRole('combobox', { name: 'Locale' }).getByText('French (fr)').waitFor();
    // The filter follows the locale: no French text is missing.
    await page.getByTestId('media-list').getByRole('combobox', { name: 'Show' }).click();
    await page.getByRole('option', { name: 'Missing alt text' }).click();
    await page.getByTestId('media-list').getByText('No images match.').waitFor();
    await page.getByTestId('media-list').getByRole('combobox', { name: 'Show' }).click();
    await page.getByRole('option', { name: 'All images' }).click();
    await rowOf(red).waitFor();
    await page.getByTestId('media-list').scrollIntoViewIfNeeded();
    await screenshot(page, 'locales-image-list', { height: 1700 });
  });

  test('coverage is shown per locale, and a German text edited in the list is stored as German and counted', async () => {
    const coverage = page.getByTestId('coverage-card');
    await coverage.getByTestId('locale-coverage-fr').getByText('3 / 3').waitFor();
    await coverage.getByTestId('locale-coverage-en').getByText('1 / 3').waitFor();
    await coverage.getByTestId('locale-coverage-de').getByText('0 %').waitFor();

    await chooseLocale('German (de)');
    await rowOf(red).getByText('No alt text').waitFor();
    await rowOf(red).getByRole('button', { name: 'Edit alt text' }).click();
    await rowOf(red).getByRole('textbox', { name: 'Alt text' }).fill('Ein rotes Quadrat');
    await rowOf(red).getByRole('button', { name: 'Save alt text' }).click();
    await rowOf(red).getByTestId('alt-text').getByText('Ein rotes Quadrat').waitFor();
    await rowOf(red).getByText('Human', { exact: true }).waitFor();

    // Stored in German, and German only: the English and French texts are as they were.
    expect((await rowsIn('de')).find((row) => row.id === red)).toMatchObject({ locale: 'de', alternativeText: 'Ein rotes Quadrat', source: 'human' });
    expect((await rowsIn('en')).find((row) => row.id === red)).toMatchObject({ alternativeText: 'A red square' });
    expect((await rowsIn('fr')).find((row) => row.id === red)).toMatchObject({ alternativeText: 'Un carré rouge' });

    await coverage.getByTestId('locale-coverage-de').getByText('1 / 3').waitFor();
    await coverage.getByTestId('locale-coverage-de').getByText('33 %').waitFor();
    await screenshotOf(coverage, 'locales-coverage');
  });

  test('the homepage widget lists the coverage of each locale', async () => {
    await page.goto(`${app.url}/admin`);
    const widget = page.locator('section[aria-labelledby="plugin::auto-alt-text.coverage"]');
    await widget.getByTestId('locale-coverage-de').getByText('33 %').waitFor();
    await widget.getByTestId('locale-coverage-fr').getByText('100 %').waitFor();
    await screenshotOf(widget, 'locales-widget');
  });

  test('the run dialog estimates images × locales, for all locales or one', async () => {
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    const bulk = page.getByTestId('bulk-panel');
    // The locale choice appears once GET /locales has answered; an estimate asked before it is a one-locale one.
    await bulk.getByRole('combobox', { name: 'Locales' }).waitFor();
    await bulk.getByRole('button', { name: 'Estimate' }).click();
    // Green and blue lack their English and German texts (red has all three now): 4 texts owed, not 2 × 3.
    const estimate = bulk.getByTestId('estimate');
    await estimate.getByText('2 images × 3 locales: about 4 credits, for the texts still owed').waitFor();
    await estimate.getByTestId('estimate-per-locale').getByText('English (en): 2 texts · German (de): 2 texts').waitFor();
    await screenshot(page, 'locales-run-estimate', { height: 1100 });
    // Each locale's text is written in its own language: no language to override, so no field for it.
    expect(await bulk.getByRole('textbox', { name: 'Language' }).count()).toBe(0);

    await bulk.getByRole('combobox', { name: 'Locales' }).click();
    await page.getByRole('option', { name: 'German (de)' }).click();
    await bulk.getByRole('button', { name: 'Estimate' }).click();
    await estimate.getByText('2 images × 1 locale = 2 credits').waitFor();
  });

  test('the entry editor shows and edits the texts of the entry\'s locale', async () => {
    const created = await adminJson<{ data: { documentId: string } }>(api, '/content-manager/collection-types/api::page.page?locale=fr', {
      method: 'POST',
      body: JSON.stringify({ title: 'Carrés de couleur', image: green }),
    });
    await page.goto(`${app.url}/admin/content-manager/collection-types/api::page.page/${created.data.documentId}?plugins[i18n][locale]=fr`);
    const panel = page.getByTestId('entry-panel');
    await panel.getByTestId('entry-panel-locale').getByText('Alt text in French (fr)').waitFor();
    const row = panel.getByTestId(`entry-image-${green}`);
    await row.getByTestId('alt-text').getByText('Un carré vert').waitFor();
    await row.getByRole('button', { name: 'Edit alt text' }).click();
    await row.getByRole('textbox', { name: 'Alt text' }).fill('Un carré vert vif');
    await row.getByRole('button', { name: 'Save alt text' }).click();
    await row.getByTestId('alt-text').getByText('Un carré vert vif').waitFor();
    expect((await rowsIn('fr')).find((item) => item.id === green)).toMatchObject({ alternativeText: 'Un carré vert vif', source: 'human' });
    expect((await rowsIn('en')).find((item) => item.id === green)).toMatchObject({ source: 'missing' });
  });
});
