/**
 * The admin panel in a real browser, against the real server: the built playground (strapi start),
 * a private S3 bucket and the provider emulator. One app for the whole file; the tests run in order
 * and each leaves the state the next one starts from (as an admin would use the panel).
 */
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { solidPng } from '../support/images';
import { adminFetch, createAdminUser, createRoleWith, uploadImages, type AdminApi } from './support/admin-api';
import { describeInBrowser, dismissAnnouncements, logIn, newAdminContext, screenshot, screenshotOf } from './support/browser';
import { SUPER_ADMIN, type Playground } from './support/playground';
import { E2E_KEY, pluginEnvFor } from './support/stack';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';
import { expectAccessible, PLUGIN_UI } from './support/axe';

const PLUGIN_PAGE = '/admin/plugins/auto-alt-text';
const SETTINGS_PAGE = '/admin/settings/auto-alt-text';
const COLOURS = [
  { r: 200, g: 30, b: 30 },
  { r: 30, g: 160, b: 60 },
  { r: 30, g: 90, b: 200 },
  { r: 230, g: 200, b: 40 },
  { r: 120, g: 40, b: 160 },
  { r: 20, g: 20, b: 20 },
  { r: 240, g: 240, b: 240 },
  { r: 240, g: 120, b: 20 },
];

const percentOf = async (page: Page) => Number((await page.getByTestId('run-percent').textContent())?.replace(/\D/g, '') ?? NaN);

describeInBrowser('the admin panel', () => {
  let emulator: Emulator;
  let app: Playground;
  let api: AdminApi;
  let browser: Browser;
  let page: Page;
  let fileIds: number[] = [];

  beforeAll(async () => {
    ({ emulator, app, api } = await startAdminStack({ accounts: [{ key: E2E_KEY, credits: 500, plan: 'Pro' }], env: (emulator) => pluginEnvFor(emulator) }));
    ({ browser, page } = await openAdminTab(app, { signIn: false }));
  }, 300_000);

  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  test('an admin logs in through the form and finds the plugin in the main menu', async () => {
    await logIn(page, app.url, SUPER_ADMIN);
    await page.locator(`nav a[href="${PLUGIN_PAGE}"]`).waitFor();
    await dismissAnnouncements(page);
  });

  test('the plugin page with nothing to show yet (no image, no run) passes axe', async () => {
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    await page.getByTestId('run-history').getByText('No runs yet', { exact: false }).waitFor();
    await page.getByTestId('media-list').getByText('No images match.').waitFor();
    await expectAccessible(page, { screen: 'plugin page: empty', include: PLUGIN_UI.page });
  });

  test('Settings: a typed key is verified against the provider, then saved and shown only by its last characters', async () => {
    await page.goto(`${app.url}${SETTINGS_PAGE}`);
    await page.getByText('Current key: Not set').waitFor();
    // The base URL comes from the environment (the emulator): read-only, with the reason.
    await expect(page.locator('input[name="baseUrl"]').isDisabled()).resolves.toBe(true);
    await page.getByText('Locked: Set by the ALT_TEXT_BASE_URL environment variable').waitFor();

    await page.locator('input[name="apiKey"]').fill(E2E_KEY);
    await page.getByRole('button', { name: 'Verify' }).click();
    const result = page.getByTestId('verify-result');
    await result.getByText('Valid key').waitFor();
    await result.getByText('500 credits remaining').waitFor();
    await result.getByText('Plan: Pro').waitFor();
    await result.getByText(/^Refills on /).waitFor();

    await page.locator('input[name="keywords"]').fill('colour, test card');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Current key: Saved, ends with …4f2a').waitFor();
    await expect(page.locator('input[name="apiKey"]').inputValue()).resolves.toBe('');
    expect(await page.content()).not.toContain(E2E_KEY);
    await page.getByText('Settings saved').waitFor({ state: 'hidden', timeout: 10_000 });
    await screenshot(page, 'settings', { height: 1500 });
    await expectAccessible(page, { screen: 'settings: valid (key verified, saved)', include: PLUGIN_UI.page });
  });

  test('Settings: values the server rejects are reported under their fields', async () => {
    await page.locator('input[name="maxLength"]').fill('5');
    await page.locator('input[name="concurrency"]').fill('33');
    await page.getByRole('button', { name: 'Save' }).click();
    // The server's codes in words (its English `message` stays for API users).
    await page.getByText('Must be 20 or more.').waitFor();
    await page.getByText('Must be 32 or less.').waitFor();
    await expectAccessible(page, { screen: 'settings: field errors', include: PLUGIN_UI.page });
    // Nothing was saved: a reload shows the stored values again (the browser's "leave?" accepted).
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await expect(page.locator('input[name="maxLength"]').inputValue()).resolves.toBe('250');
    await expect(page.locator('input[name="keywords"]').inputValue()).resolves.toBe('colour, test card');
  });

  test('Dashboard: a bulk run is estimated, started, followed to 100 % and fills the alt text of every image', async () => {
    fileIds = await uploadImages(
      api,
      await Promise.all(COLOURS.map(async (rgb, index) => ({ name: `swatch-${index + 1}.png`, bytes: await solidPng(160, 120, rgb) })))
    );
    // Slow the provider down a little so the run is visibly in progress for a few seconds.
    emulator.setFaults({ latencyMs: 400 });

    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    await page.getByTestId('coverage-percent').getByText('0 %').waitFor();
    await page.getByTestId('credits-card').getByText('500 credits remaining').waitFor();
    // One locale: a language may be chosen for the run, and no locale choice is shown.
    expect(await page.getByRole('textbox', { name: 'Language' }).count()).toBe(1);
    expect(await page.getByRole('combobox', { name: 'Locales' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Estimate' }).click();
    await page.getByTestId('estimate').getByText(`${COLOURS.length} images, about ${COLOURS.length} credits`).waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText(/^Run #\d+ started: its progress is below\.$/).waitFor();

    const progress = page.getByTestId('run-progress');
    await progress.waitFor();
    await page.waitForFunction(() => {
      const text = document.querySelector('[data-testid="run-percent"]')?.textContent ?? '';
      const percent = Number(text.replace(/\D/g, ''));
      return percent > 0 && percent < 100;
    }, undefined, { timeout: 15_000, polling: 50 });
    await screenshot(page, 'dashboard-running', { height: 1300 });
    await expectAccessible(page, { screen: 'plugin page: running run', include: PLUGIN_UI.page });

    await progress.getByText('100 %').waitFor({ timeout: 30_000 });
    await page.getByTestId('run-status').getByText('Done', { exact: true }).waitFor();
    expect(await percentOf(page)).toBe(100);
    emulator.clearFaults();

    await page.getByTestId('coverage-percent').getByText('100 %').waitFor();
    const list = page.getByTestId('media-list');
    await expect(list.getByText('No alt text').count()).resolves.toBe(0);
    const texts = await list.getByTestId('alt-text').allTextContents();
    expect(texts).toHaveLength(COLOURS.length);
    for (const text of texts) expect(text).toMatch(/image dominated by/i);
    await expect(list.getByText('Generated', { exact: true }).count()).resolves.toBe(COLOURS.length);
    await page.getByTestId('credits-card').getByText(`${500 - COLOURS.length} credits remaining`).waitFor();
    await screenshot(page, 'dashboard-done', { height: 2000 });
    await page.getByTestId('run-history').getByRole('row').nth(1).waitFor();
    await expectAccessible(page, { screen: 'plugin page: run done, run history, image list', include: PLUGIN_UI.page });
  });

  test('Dashboard: an overwrite of the unchanged library is estimated free (from the cache); asking the provider again is paid', async () => {
    const bulk = page.getByTestId('bulk-panel');
    await bulk.getByRole('combobox', { name: 'Images' }).click();
    await page.getByRole('option', { name: 'All images' }).click();
    await bulk.getByRole('combobox', { name: 'Mode' }).click();
    await page.getByRole('option', { name: 'Overwrite' }).click();
    await bulk.getByRole('button', { name: 'Estimate' }).click();
    const estimate = page.getByTestId('estimate');
    await estimate.getByText(`${COLOURS.length} images, about 0 credits`).waitFor();
    await estimate.getByTestId('estimate-from-cache').getByText(`${COLOURS.length} images from the cache (free): described before with the same bytes and settings`).waitFor();
    await screenshot(page, 'estimate-from-cache', { height: 1000 });

    await bulk.getByRole('checkbox', { name: 'Ask the provider again for every image (do not reuse texts of identical images)' }).click();
    // The estimate belongs to the earlier choice: Start waits for a new one.
    await expect(bulk.getByRole('button', { name: 'Start' }).isDisabled()).resolves.toBe(true);
    await bulk.getByRole('button', { name: 'Estimate' }).click();
    await estimate.getByText(`${COLOURS.length} images, about ${COLOURS.length} credits`).waitFor();
    await expect(estimate.getByTestId('estimate-from-cache').count()).resolves.toBe(0);
  });

  test('Dashboard: an alt text is edited inline (now human-written), then regenerated for that one image', async () => {
    const row = page.getByTestId(`media-row-${fileIds[0]}`);
    await row.getByRole('button', { name: 'Edit alt text' }).click();
    await row.getByRole('textbox', { name: 'Alt text' }).fill('A red test card, written by hand');
    await row.getByRole('button', { name: 'Save alt text' }).click();
    await row.getByText('A red test card, written by hand').waitFor();
    await row.getByText('Human', { exact: true }).waitFor();

    const requestsBefore = emulator.requests.length;
    await row.getByRole('button', { name: 'Regenerate' }).click();
    // A person's text: Regenerate asks first (test/e2e/replace-undo.test.ts covers the dialog and Undo).
    await page.getByRole('alertdialog').getByRole('button', { name: 'Replace' }).waitFor();
    await expectAccessible(page, { screen: 'plugin page: replace confirmation', include: PLUGIN_UI.dialog });
    await page.getByRole('alertdialog').getByRole('button', { name: 'Replace' }).click();
    await row.getByText('Generated', { exact: true }).waitFor({ timeout: 20_000 });
    await expect(row.getByTestId('alt-text').textContent()).resolves.toMatch(/image dominated by/i);
    expect(emulator.requests.length).toBe(requestsBefore + 1);
  });

  test('Dashboard: when the credits run out the queue shows why it paused, and Resume restarts it', async () => {
    emulator.addAccount({ key: E2E_KEY, credits: 0, plan: 'Pro' });
    const row = page.getByTestId(`media-row-${fileIds[1]}`);
    await row.getByRole('button', { name: 'Regenerate' }).click();
    const queue = page.getByTestId('queue-card');
    await queue.getByTestId('pause-reason').getByText('Out of credits').waitFor({ timeout: 20_000 });

    emulator.addAccount({ key: E2E_KEY, credits: 100, plan: 'Pro' });
    await queue.getByRole('button', { name: 'Resume' }).click();
    await queue.getByText('Running', { exact: true }).waitFor();
    await expect(row.getByText('Queued', { exact: true }).waitFor({ state: 'detached', timeout: 20_000 })).resolves.toBeUndefined();
    await row.getByText('Generated', { exact: true }).waitFor();
  });

  test('Homepage: the widget shows the library coverage', async () => {
    await page.goto(`${app.url}/admin`);
    const widget = page.locator('section[aria-labelledby="plugin::auto-alt-text.coverage"]');
    await widget.getByText('Alt text coverage').waitFor();
    await widget.getByText('100 %').waitFor();
    await screenshotOf(widget, 'widget');
    await expectAccessible(page, { screen: 'homepage widget', include: PLUGIN_UI.widget });
  });

  test('an admin who reads the panel in French gets the plugin in French', async () => {
    const frenchContext = await newAdminContext(browser);
    await frenchContext.addInitScript(() => window.localStorage.setItem('strapi-admin-language', 'fr'));
    const frenchPage = await frenchContext.newPage();
    try {
      await logIn(frenchPage, app.url, SUPER_ADMIN, { button: 'Se connecter' });
      await frenchPage.locator(`nav a[href="${PLUGIN_PAGE}"][aria-label="Texte alternatif automatique"]`).waitFor();
      await frenchPage.goto(`${app.url}${PLUGIN_PAGE}`);
      await frenchPage.getByRole('heading', { name: 'Texte alternatif automatique' }).waitFor();
      await frenchPage.getByText('des images ont un texte alternatif').waitFor();
      await frenchPage.getByRole('button', { name: 'Estimer' }).waitFor();
      await frenchPage.getByTestId('media-list').getByText('Généré', { exact: true }).first().waitFor();
    } finally {
      await frenchContext.close();
    }
  });

  describe('permissions', () => {
    const otherAdmin = async (email: string, roleCode: string) => {
      const user = { email, password: 'E2e-password-2', firstname: 'Eve', lastname: 'Editor' };
      const jwt = await createAdminUser(api, user, roleCode);
      const userContext = await newAdminContext(browser);
      const userPage = await userContext.newPage();
      await logIn(userPage, app.url, user);
      return { jwt, page: userPage, close: () => userContext.close() };
    };

    test('an editor without the plugin permissions gets 403 from its API and sees neither the page nor the settings', async () => {
      const editor = await otherAdmin('e2e-editor@example.com', 'strapi-editor');
      try {
        const as = { url: app.url, jwt: editor.jwt };
        for (const [method, path] of [
          ['GET', '/auto-alt-text/settings'],
          ['POST', '/auto-alt-text/settings/verify'],
          ['GET', '/auto-alt-text/status'],
          ['GET', '/auto-alt-text/media'],
          ['POST', '/auto-alt-text/runs'],
          ['POST', `/auto-alt-text/media/${fileIds[0]}/regenerate`],
        ]) {
          const response = await adminFetch(as, path, { method, ...(method === 'POST' ? { body: '{}' } : {}) });
          expect(`${method} ${path} → ${response.status}`).toBe(`${method} ${path} → 403`);
        }

        const { page: editorPage } = editor;
        // Absence only means something once the menu and the homepage widgets have rendered.
        await editorPage.locator('nav a[href="/admin/plugins/upload"]').waitFor();
        await editorPage.locator('section[aria-labelledby="plugin::admin.profile-info"]').waitFor();
        await expect(editorPage.locator(`nav a[href="${PLUGIN_PAGE}"]`).count()).resolves.toBe(0);
        await expect(editorPage.locator('section[aria-labelledby="plugin::auto-alt-text.coverage"]').count()).resolves.toBe(0);
        await editorPage.goto(`${app.url}/admin/settings`);
        await editorPage.getByRole('link', { name: 'Overview' }).waitFor();
        await expect(editorPage.locator(`a[href="${SETTINGS_PAGE}"]`).count()).resolves.toBe(0);
        await editorPage.goto(`${app.url}${SETTINGS_PAGE}`);
        await editorPage.getByText(/have the permissions to access/i).waitFor();
        await expect(editorPage.locator('input[name="apiKey"]').count()).resolves.toBe(0);
      } finally {
        await editor.close();
      }
    });

    test('a role with only the read permission sees the dashboard without any button that changes something', async () => {
      const roleCode = await createRoleWith(api, 'Alt text viewer', ['plugin::auto-alt-text.read']);
      const viewer = await otherAdmin('e2e-viewer@example.com', roleCode);
      try {
        const { page: viewerPage } = viewer;
        await viewerPage.goto(`${app.url}${PLUGIN_PAGE}`);
        await viewerPage.getByTestId('coverage-percent').getByText('100 %').waitFor();
        await viewerPage.getByTestId(`media-row-${fileIds[0]}`).waitFor();
        for (const name of ['Estimate', 'Start', 'Pause', 'Resume', 'Generate', 'Regenerate', 'Edit alt text', 'Retry all']) {
          await expect(viewerPage.getByRole('button', { name, exact: true }).count()).resolves.toBe(0);
        }
        await expect(viewerPage.locator(`a[href="${SETTINGS_PAGE}"]`).count()).resolves.toBe(0);
        const response = await adminFetch({ url: app.url, jwt: viewer.jwt }, `/auto-alt-text/media/${fileIds[0]}/regenerate`, { method: 'POST', body: '{}' });
        expect(response.status).toBe(403);
      } finally {
        await viewer.close();
      }
    });
  });
});
