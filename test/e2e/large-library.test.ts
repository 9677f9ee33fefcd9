/**
 * The dashboard over a library past the size where counting every image stops being cheap (20 000
 * rows inserted as an import would): the coverage says when it was counted once it is a snapshot,
 * and the media list's pager says there are more pages than it counted.
 */
import knexFactory from 'knex';
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import { SNAPSHOT_FROM_ROWS } from '../../server/src/utils/count-snapshots';
import { insertImageRows } from '../support/file-rows';
import { describeInBrowser, screenshotOf } from './support/browser';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';
import type { Playground } from './support/playground';

const PLUGIN_PAGE = '/admin/plugins/auto-alt-text';

describeInBrowser('the dashboard over a large library', () => {
  let emulator: Emulator;
  let app: Playground;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ emulator, app } = await startAdminStack());
    const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: app.sqliteFile }, useNullAsDefault: true });
    try {
      await insertImageRows(knex, SNAPSHOT_FROM_ROWS, 'library');
    } finally {
      await knex.destroy();
    }
    ({ browser, page } = await openAdminTab(app));
  }, 300_000);

  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  test('the first load counts now; a later one shows the snapshot with the time it was counted', async () => {
    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    const summary = page.getByTestId('coverage-summary');
    await summary.getByText('20,000 images').waitFor();
    await expect(summary.getByTestId('coverage-counted-at').count()).resolves.toBe(0);

    await page.waitForTimeout(6_000); // older than the 5 s after which the admin shows its time
    await page.reload();
    await summary.getByTestId('coverage-counted-at').getByText(/^Counted at \d{1,2}:\d{2}:\d{2}/).waitFor();
    await screenshotOf(summary, 'coverage-counted-at');
  });

  test('the media list pages past what it counted: "Page 1 of 1,000+" (10 a page), Next enabled', async () => {
    await page.getByText('Page 1 of 1,000+').waitFor();
    await expect(page.getByRole('button', { name: 'Next' }).isEnabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Page 2 of 1,001+').waitFor();
  });
});
