/**
 * The settings page says what went wrong in words an admin can act on, in their language: Verify
 * tells a refused key from an address where nothing answers and one that is not the provider's API;
 * the server's field errors are shown from their codes (French here); `lang` is picked from the
 * provider's languages by typing part of a name.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { logIn, newAdminContext, screenshot, screenshotOf, describeInBrowser } from './support/browser';
import { SUPER_ADMIN, type Playground } from './support/playground';
import { E2E_KEY } from './support/stack';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';

const SETTINGS_PAGE = '/admin/settings/auto-alt-text';

/** A web site, not an alt-text API: HTML for every path. */
const startWebsite = () =>
  new Promise<{ url: string; server: Server }>((resolve) => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><html><body>Our shop</body></html>');
    });
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }));
  });

/** A loopback port nobody listens on. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Waits until an input shows `value` (a combobox fills in its option's text once the settings have loaded). */
const waitForValue = async (input: Locator, value: string) => {
  const handle = await input.elementHandle();
  await input.page().waitForFunction(([element, expected]) => (element as HTMLInputElement).value === expected, [handle, value] as const, { timeout: 10_000 });
};

describeInBrowser('the settings page: Verify outcomes, translated field errors, the language picker', () => {
  let emulator: Emulator;
  let app: Playground;
  let browser: Browser;
  let page: Page;
  let website: { url: string; server: Server };

  beforeAll(async () => {
    website = await startWebsite();
    // config/plugins fixes one entry-context option: its lock hint is shown translated.
    const extra = { entryContext: { waitSeconds: 5 } };
    ({ emulator, app } = await startAdminStack({
      accounts: [{ key: E2E_KEY, credits: 30, plan: 'Pro' }],
      env: () => ({ ALT_TEXT_AUTO_ON_UPLOAD: 'false', ALT_TEXT_CREDITS_PROBE_SECONDS: '0', ALT_TEXT_EXTRA_CONFIG: JSON.stringify(extra) }),
    }));
    ({ browser, page } = await openAdminTab(app));
  }, 300_000);

  afterAll(async () => {
    await closeAdminStack({ browser }, { app, emulator });
    await new Promise((resolve) => website?.server.close(resolve));
  });

  const verifyAt = async (baseUrl: string, key: string) => {
    await page.locator('input[name="baseUrl"]').fill(baseUrl);
    await page.locator('input[name="apiKey"]').fill(key);
    await page.getByRole('button', { name: 'Verify' }).click();
  };

  test('Verify: nothing answering, a web page instead of the API, and a refused key are three different outcomes', async () => {
    await page.goto(`${app.url}${SETTINGS_PAGE}`);
    const result = page.getByTestId('verify-result');

    const port = await closedPort();
    await verifyAt(`http://127.0.0.1:${port}/api/v1`, E2E_KEY);
    await result.getByText('Not reachable').waitFor();
    await result.getByText(`Nothing answered at 127.0.0.1:${port} (name not found, connection refused or no answer in time). Check the base URL and the network.`).waitFor();
    expect(await result.getByText('Invalid key').count()).toBe(0);
    await screenshotOf(result, 'settings-verify-unreachable');

    await verifyAt(website.url, E2E_KEY);
    await result.getByText('Wrong address').waitFor();
    await result.getByText(`${new URL(website.url).host} answered, but not as this provider's API does.`, { exact: false }).waitFor();
    await result.getByText('HTTP status: 200').waitFor();
    await screenshotOf(result, 'settings-verify-wrong-endpoint');

    await verifyAt(emulator.baseUrls.alttextlab, 'not-the-key-0000');
    await result.getByText('Invalid key').waitFor();
    await result.getByText(`${new URL(emulator.url).host} refused the key. Check that it is complete and still active.`).waitFor();

    await verifyAt(emulator.baseUrls.alttextlab, E2E_KEY);
    await result.getByText('Valid key').waitFor();
    expect(await result.innerText()).not.toContain(E2E_KEY);
  });

  test('the language is picked by typing part of its name; the code is shown and saved', async () => {
    await page.goto(`${app.url}${SETTINGS_PAGE}`);
    const language = page.getByRole('combobox', { name: 'Language' });
    await waitForValue(language, 'English (en)');
    // Typed as a person types: the list narrows to the names containing it, in any case.
    await language.click();
    await language.press('Control+A');
    await language.pressSequentially('portug');
    await page.getByRole('option', { name: 'Brazilian Portuguese (pt-br)' }).waitFor();
    await expect(page.getByRole('option').count()).resolves.toBe(3);
    await screenshot(page, 'settings-language-picker'); // no resize: it would close the list
    await page.getByRole('option', { name: 'Brazilian Portuguese (pt-br)' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved').waitFor();
    await page.reload();
    await waitForValue(page.getByRole('combobox', { name: 'Language' }), 'Brazilian Portuguese (pt-br)');
  });

  test('in French, an out-of-range value is refused in French, and the lock hint is French too', async () => {
    const french = await newAdminContext(browser);
    await french.addInitScript(() => window.localStorage.setItem('strapi-admin-language', 'fr'));
    const frenchPage = await french.newPage();
    try {
      await logIn(frenchPage, app.url, SUPER_ADMIN, { button: 'Se connecter' });
      await frenchPage.goto(`${app.url}${SETTINGS_PAGE}`);
      await frenchPage.getByTestId('settings-entry-context').getByText('Verrouillé : Défini dans config/plugins').waitFor();
      await waitForValue(frenchPage.getByRole('combobox', { name: 'Langue' }), 'Portugais brésilien (pt-br)');

      await frenchPage.locator('input[name="concurrency"]').fill('33');
      await frenchPage.locator('input[name="maxLength"]').fill('5');
      await frenchPage.getByRole('button', { name: 'Enregistrer' }).click();
      await frenchPage.getByText('Doit être inférieur ou égal à 32.').waitFor();
      await frenchPage.getByText('Doit être supérieur ou égal à 20.').waitFor();
      expect(await frenchPage.getByText(/Too big|Too small|expected number/).count()).toBe(0);
      await screenshot(frenchPage, 'settings-french-errors', { height: 1500 });
    } finally {
      await french.close();
    }
  });
});
