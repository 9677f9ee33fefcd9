/**
 * Debian's chromium driven by playwright-core (never `npx playwright install`: downloads fail here).
 * Without chromium the browser suites are skipped, except under CI=true where that is a failure.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ROOT } from '../../../scripts/build-if-stale';
import type { AdminCredentials } from './playground';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `describe`, or `describe.skip` when chromium is missing and this is not CI (where launching then fails). */
export const describeInBrowser = (name: string, body: () => void) =>
  (existsSync(CHROMIUM) || process.env.CI === 'true' ? describe : describe.skip)(name, body);

/** Each launch gets its own temporary profile (playwright passes a fresh --user-data-dir). */
export const launchBrowser = (): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
};

export const newAdminContext = async (browser: Browser): Promise<BrowserContext> => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US', deviceScaleFactor: 1 });
  await context.addInitScript(keepMediaLibraryBannerClosed);
  return context;
};

/**
 * Strapi 5.54 shows its Media Library banner at the top of every page until it is closed, and reads
 * "closed" under a key holding the instance's uuid, which it learns only after the first render: the
 * banner can appear (and push the page down) at any moment after a page loads. A click aimed at a
 * button that moves then lands on something else (the CSV download once did: no download, a 30 s
 * timeout). Runs in the page before Strapi's code: every such key reads as "closed".
 */
function keepMediaLibraryBannerClosed() {
  const getItem = Storage.prototype.getItem;
  Storage.prototype.getItem = function (this: Storage, key: string) {
    return key.startsWith('STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_') ? 'true' : getItem.call(this, key);
  };
}

/** Logs in through the admin's own form and waits for the homepage. */
export async function logIn(
  page: Page,
  url: string,
  credentials: Pick<AdminCredentials, 'email' | 'password'>,
  { button = 'Login' }: { button?: string } = {}
) {
  await page.goto(`${url}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(credentials.email);
  await page.locator('input[name="password"]').fill(credentials.password);
  await page.getByRole('button', { name: button }).click();
  await page.waitForURL((target) => !target.pathname.includes('/auth/'), { timeout: 20_000 });
}

/** Closes any banner Strapi shows over a page (the Media Library's is kept closed by `newAdminContext`); screenshots are better without them. */
export async function dismissAnnouncements(page: Page) {
  const close = page.getByRole('button', { name: 'Close the banner.' });
  if ((await close.count()) > 0) {
    await close.first().click();
    await close.first().waitFor({ state: 'detached' });
  }
}

/** A screenshot of the viewport, made `height` pixels tall for a while (Strapi pages scroll inside, so fullPage cannot). */
export async function screenshot(page: Page, name: string, options: { height?: number } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await dismissAnnouncements(page);
  const file = path.join(SCREENSHOTS, `${name}.png`);
  const viewport = page.viewportSize();
  if (options.height && viewport) await page.setViewportSize({ width: viewport.width, height: options.height });
  await page.waitForTimeout(300); // let the layout and bar transitions settle
  await page.screenshot({ path: file });
  if (options.height && viewport) await page.setViewportSize(viewport);
  return file;
}

/** A screenshot of one element (a widget, a card). */
export async function screenshotOf(locator: Locator, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await dismissAnnouncements(locator.page());
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: file });
  return file;
}
