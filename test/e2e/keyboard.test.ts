/**
 * Issue 20: the main flows with the keyboard alone — verify a key, start a bulk run, edit an alt text,
 * approve a suggestion — pressing keys only (no click, no focus set by the test), with the focus
 * visible and never dropped to the page when a row updates or a dialog closes; and what a screen
 * reader hears of the run (its live region, at a sane pace). With `review: 'new'` the run's texts
 * wait as suggestions, which the Review page then approves. One app for the file, tests in order.
 */
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { solidPng } from '../support/images';
import { adminJson, uploadImages, type AdminApi } from './support/admin-api';
import { expectAccessible, PLUGIN_UI } from './support/axe';
import { describeInBrowser } from './support/browser';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';
import { arrowTo, expectFocusVisible, focusedElement, tabTo, waitForFocusOn } from './support/keyboard';
import type { Playground } from './support/playground';
import { E2E_KEY, pluginEnvFor } from './support/stack';

const PLUGIN_PAGE = '/admin/plugins/auto-alt-text';
const SETTINGS_PAGE = '/admin/settings/auto-alt-text';
const IMAGES = 10;
/** Each provider call takes this long, one at a time: the run lasts some 15 s, long enough to hear it. */
const LATENCY_MS = 1500;

interface Announcement {
  at: number;
  text: string;
}

describeInBrowser('the admin with the keyboard alone, and for screen readers', () => {
  let emulator: Emulator;
  let app: Playground;
  let api: AdminApi;
  let browser: Browser;
  let page: Page;
  let ids: number[];
  const row = (id: number) => `[data-testid="media-row-${id}"]`;

  beforeAll(async () => {
    ({ emulator, app, api } = await startAdminStack({
      accounts: [{ key: E2E_KEY, credits: 100, plan: 'Pro' }],
      env: (emulator) => ({ ...pluginEnvFor(emulator), ALT_TEXT_CONCURRENCY: '1', ALT_TEXT_MAX_ATTEMPTS: '1', ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ review: 'new' }) }),
    }));
    ids = await uploadImages(
      api,
      await Promise.all(Array.from({ length: IMAGES }, async (_, index) => ({ name: `key-${index + 1}.png`, bytes: await solidPng(120, 90, { r: 20 * index, g: 120, b: 200 - 15 * index }) })))
    );
    ({ browser, page } = await openAdminTab(app));
  }, 300_000);

  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  test('Settings: a typed key is verified, then saved (Enter in a field), the focus staying visible on what was used', async () => {
    await page.goto(`${app.url}${SETTINGS_PAGE}`);
    await page.getByText('Current key: Not set').waitFor();
    await tabTo(page, { selector: 'input[name="apiKey"]' });
    await expectFocusVisible(page);
    await page.keyboard.type(E2E_KEY);
    await tabTo(page, { selector: 'button', name: 'Verify' });
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await page.getByTestId('verify-result').getByText('Valid key').waitFor();
    // Busy while the provider was asked, the button keeps the focus once it answered.
    await waitForFocusOn(page, { selector: 'button', name: 'Verify' });
    await expectFocusVisible(page);

    await tabTo(page, { selector: 'input[name="apiKey"]' }, { backwards: true });
    await page.keyboard.press('Enter');
    await page.getByText('Current key: Saved, ends with …4f2a').waitFor();
    await waitForFocusOn(page, { selector: 'input[name="apiKey"]' });
  });

  test('Dashboard: a run is estimated and started from the keyboard; the focus goes to its progress, which a live region says every 10 % at most every 5 s, then its end', async () => {
    emulator.setFaults({ latencyMs: LATENCY_MS });
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    await page.getByTestId('coverage-percent').getByText('0 %').waitFor();
    const announcer = page.getByTestId('run-announcer');
    await announcer.waitFor({ state: 'attached' });
    // Every change of the region's text, with its time: what a screen reader would say, and when.
    await page.evaluate(() => {
      const region = document.querySelector('[data-testid="run-announcer"]') as HTMLElement;
      const heard: Array<{ at: number; text: string }> = [];
      (window as unknown as { heard: typeof heard }).heard = heard;
      new MutationObserver(() => {
        const text = (region.textContent ?? '').trim();
        if (text && heard[heard.length - 1]?.text !== text) heard.push({ at: Date.now(), text });
      }).observe(region, { childList: true, subtree: true, characterData: true });
    });

    await tabTo(page, { selector: 'button', name: 'Estimate' });
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await page.getByTestId('estimate').getByText(`${IMAGES} images, about ${IMAGES} credits`).waitFor();
    await waitForFocusOn(page, { selector: 'button', name: 'Estimate' });
    await tabTo(page, { selector: 'button', name: 'Start' });
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    // Start is disabled once the run is on: the focus moves to the run it started, not to the page.
    await waitForFocusOn(page, { selector: '[data-testid="run-progress"] *' });
    await expectFocusVisible(page);

    await page.getByTestId('run-status').getByText('Done', { exact: true }).waitFor({ timeout: 90_000 });
    emulator.clearFaults();
    await announcer.getByText(/finished/).waitFor();
    const heard = await page.evaluate(() => (window as unknown as { heard: Announcement[] }).heard);
    const runId = Number((await page.getByTestId('run-progress').getByRole('heading').first().textContent())?.match(/#(\d+)/)?.[1]);
    expect(heard[heard.length - 1].text).toMatch(new RegExp(`^Run #${runId} finished: .*, 0 failed\\.$`));
    const progress = heard.slice(0, -1);
    expect(progress.length).toBeGreaterThan(0);
    for (const said of progress) expect(said.text).toMatch(new RegExp(`^Run #${runId}: \\d+ % done, \\d+ of ${IMAGES} images\\.$`));
    // Polled every second, the run is said no more often than every 5 s (a little slack for timers).
    for (let i = 1; i < progress.length; i += 1) expect(progress[i].at - progress[i - 1].at).toBeGreaterThanOrEqual(4_500);
    // The row updates the run brought did not take the focus away.
    expect(await focusedElement(page)).not.toBeNull();
  });

  test('Images: an alt text is edited from the keyboard; the focus comes back to its pencil, and to History when that dialog closes', async () => {
    const first = row(ids[0]);
    // The image list is a grid: Tab enters it once, the arrows go to the row, its actions cell and, within it, the pencil.
    await tabTo(page, { selector: '[data-testid="media-list"] [role="grid"] *' });
    await arrowTo(page, 'ArrowDown', { selector: `${first} *` });
    await arrowTo(page, 'ArrowRight', { selector: `${first} button`, name: 'Edit alt text' });
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await waitForFocusOn(page, { selector: `${first} textarea` });
    await expectFocusVisible(page);
    await page.keyboard.type('A swatch, described without a mouse');
    await page.keyboard.press('Enter');
    await page.locator(first).getByText('A swatch, described without a mouse').waitFor();
    await page.locator(first).getByText('Human', { exact: true }).waitFor();
    await waitForFocusOn(page, { selector: `${first} button`, name: 'Edit alt text' });
    await expectFocusVisible(page);

    await arrowTo(page, 'ArrowLeft', { selector: `${first} button`, name: 'History' });
    await page.keyboard.press('Enter');
    await page.getByTestId('history-dialog').getByText('Edited', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('history-dialog').waitFor({ state: 'detached' });
    await waitForFocusOn(page, { selector: `${first} button`, name: 'History' });
    await expectFocusVisible(page);
  });

  test('Review: a suggestion is approved from the keyboard; the focus moves to the next one', async () => {
    await tabTo(page, { selector: '[data-testid="review-notice"] a', name: 'Review' }, { backwards: true });
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.endsWith('/plugins/auto-alt-text/review'));
    const suggested = page.getByTestId('review-suggested-text');
    const firstText = await suggested.textContent();
    const waiting = (await adminJson<{ data: { total: number } }>(api, '/auto-alt-text/review?pageSize=1')).data.total;
    await tabTo(page, { selector: 'button', name: 'Approve (A)' });
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await page.getByText(`${waiting - 1} suggestions await review`, { exact: false }).waitFor();
    expect(await suggested.textContent()).not.toBe(firstText);
    await waitForFocusOn(page, { selector: '[data-testid="review-current"] button', name: 'Approve (A)' });
    await expectFocusVisible(page);
  });

  test('Failures: the plugin page listing a failed image passes axe', async () => {
    emulator.setFaults({ status: 503 });
    await adminJson(api, `/auto-alt-text/media/${ids[IMAGES - 1]}/regenerate`, { method: 'POST', body: '{}' });
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    await page.getByTestId('failures').getByText(`key-${IMAGES}.png`).first().waitFor({ timeout: 30_000 });
    emulator.clearFaults();
    await expectAccessible(page, { screen: 'plugin page: failures', include: PLUGIN_UI.page });
  });
});
