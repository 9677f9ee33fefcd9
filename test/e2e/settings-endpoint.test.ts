/**
 * The settings page when provider and base URL are editable (nothing in the environment fixes
 * them): changing the base URL says where images and the key will go, and a saved key must be
 * typed again for a new endpoint — said before Verify or Save refuse it, and under the key field
 * when they do.
 */
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { describeInBrowser, screenshot, screenshotOf } from './support/browser';
import type { Playground } from './support/playground';
import { E2E_KEY } from './support/stack';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';

const SETTINGS_PAGE = '/admin/settings/auto-alt-text';
const ELSEWHERE = 'http://127.0.0.1:9/v1';

describeInBrowser('the settings page: where the key and the images go', () => {
  let emulator: Emulator;
  let app: Playground;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // config/plugins fixes one entry-context option and leaves the other two to the admin.
    const extra = { entryContext: { waitSeconds: 5 } };
    ({ emulator, app } = await startAdminStack({
      accounts: [{ key: E2E_KEY, credits: 30, plan: 'Pro' }],
      env: () => ({ ALT_TEXT_AUTO_ON_UPLOAD: 'false', ALT_TEXT_CREDITS_PROBE_SECONDS: '0', ALT_TEXT_EXTRA_CONFIG: JSON.stringify(extra) }),
    }));
    ({ browser, page } = await openAdminTab(app));
  }, 300_000);

  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  test('a new base URL is announced with its host; once saved with the key, the warning goes', async () => {
    await page.goto(`${app.url}${SETTINGS_PAGE}`);
    const baseUrl = page.locator('input[name="baseUrl"]');
    await expect(baseUrl.isDisabled()).resolves.toBe(false);
    await expect(page.getByTestId('base-url-warning').count()).resolves.toBe(0);

    await baseUrl.fill(emulator.baseUrls.alttextlab);
    const warning = page.getByTestId('base-url-warning');
    await warning.getByText(`Images and the API key will be sent to ${new URL(emulator.url).host}`).waitFor();
    await warning.getByText(/Anyone with the Settings permission of this plugin can change this address/).waitFor();

    await page.locator('input[name="apiKey"]').fill(E2E_KEY);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Current key: Saved, ends with …4f2a').waitFor();
    await warning.waitFor({ state: 'detached' });
    await page.getByText('Settings saved').waitFor({ state: 'hidden', timeout: 10_000 });
  });

  test('moving a saved key’s endpoint: the rule is shown first, then Verify and Save name the key field', async () => {
    await page.locator('input[name="baseUrl"]').fill(ELSEWHERE);
    await page.getByTestId('base-url-warning').getByText('Images and the API key will be sent to 127.0.0.1:9').waitFor();
    await page.getByTestId('api-key-binding').getByText(/only sent to the provider and base URL it was saved for/).waitFor();
    await screenshot(page, 'settings-base-url-warning', { height: 1100 });

    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText(/Type the key to verify another provider or base URL/).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Type the key again to use it with another provider or base URL/).waitFor();

    // Nothing was saved: a reload shows the base URL the key was saved with.
    await page.reload();
    await expect(page.locator('input[name="baseUrl"]').inputValue()).resolves.toBe(emulator.baseUrls.alttextlab);
    await page.getByText('Current key: Saved, ends with …4f2a').waitFor();
  });

  test('entry context: the option config/plugins fixes is locked with its reason; the others are edited and saved', async () => {
    await page.goto(`${app.url}${SETTINGS_PAGE}`);
    const section = page.getByTestId('settings-entry-context');
    const waitSeconds = section.locator('input[name="entryContext.waitSeconds"]');
    await expect(waitSeconds.isDisabled()).resolves.toBe(true);
    await expect(waitSeconds.inputValue()).resolves.toBe('5');
    await section.getByText('Locked: Set in config/plugins').waitFor();
    const enabled = section.locator('input[name="entryContext.enabled"]');
    const upgrade = section.locator('input[name="entryContext.upgrade"]');
    await expect(enabled.isDisabled()).resolves.toBe(false);
    await expect(upgrade.isChecked()).resolves.toBe(false);

    await upgrade.click({ force: true });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved').waitFor();
    await page.reload();
    await expect(section.locator('input[name="entryContext.upgrade"]').isChecked()).resolves.toBe(true);
    await expect(section.locator('input[name="entryContext.enabled"]').isChecked()).resolves.toBe(true);
    await expect(section.locator('input[name="entryContext.waitSeconds"]').isDisabled()).resolves.toBe(true);
    await screenshotOf(section, 'settings-entry-context');
  });
});
