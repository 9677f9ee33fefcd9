/**
 * The run history on the plugin's page, in a real browser against the built playground and the
 * emulator: three runs started through the admin API (a folder, the missing texts, an overwrite of
 * two images answered from the cache) are listed newest first, each with who started it, its scope
 * in words, its mode, status, counts and credits — the cache's run at 0.
 */
import type { Browser, Page } from 'playwright-core';
import type { Emulator } from '../../emulator/server';
import type { RunView } from '../../shared/contracts/runs';
import { solidPng } from '../support/images';
import { waitFor } from '../support/wait-for';
import { adminJson, createFolder, moveFiles, uploadImages, type AdminApi } from './support/admin-api';
import { describeInBrowser, screenshotOf } from './support/browser';
import { SUPER_ADMIN, type Playground } from './support/playground';
import { closeAdminStack, openAdminTab, startAdminStack } from './support/fixture';

const PLUGIN_PAGE = '/admin/plugins/auto-alt-text';
const COLOURS = [{ r: 210, g: 50, b: 50 }, { r: 50, g: 170, b: 70 }, { r: 40, g: 80, b: 210 }, { r: 230, g: 190, b: 30 }, { r: 130, g: 50, b: 170 }];

describeInBrowser('the run history, in the admin panel', () => {
  let emulator: Emulator;
  let app: Playground;
  let api: AdminApi;
  let browser: Browser;
  let page: Page;

  /** Starts a run as the super admin and waits for it to end. */
  const run = async (body: Record<string, unknown>) => {
    const { data } = await adminJson<{ data: RunView }>(api, '/auto-alt-text/runs', { method: 'POST', body: JSON.stringify(body) });
    return waitFor(`run #${data.id} done`, async () => {
      const now = (await adminJson<{ data: RunView }>(api, `/auto-alt-text/runs/${data.id}`)).data;
      return now.status === 'done' ? now : undefined;
    }, 30_000);
  };

  beforeAll(async () => {
    ({ emulator, app, api } = await startAdminStack());
    ({ browser, page } = await openAdminTab(app));
  }, 300_000);

  afterAll(() => closeAdminStack({ browser }, { app, emulator }));

  test('three runs, newest first: when, by whom, the scope in words, mode, status, counts and the credits each spent', async () => {
    const ids = await uploadImages(api, await Promise.all(COLOURS.map(async (rgb, index) => ({ name: `history-${index + 1}.png`, bytes: await solidPng(160, 120, rgb) }))));
    const photos = await createFolder(api, 'Photos');
    const year = await createFolder(api, '2024', photos);
    await moveFiles(api, ids.slice(3), year);

    await run({ scope: { kind: 'folder', folderId: year } });
    await run({ scope: { kind: 'missing' } });
    await run({ scope: { kind: 'ids', ids: ids.slice(0, 2) }, mode: 'overwrite' });
    expect(emulator.requests).toHaveLength(5);

    await page.goto(`${app.url}${PLUGIN_PAGE}`);
    const history = page.getByTestId('run-history');
    await history.getByText('Run history').waitFor();
    const rows = history.locator('tbody tr');
    await waitFor('three runs listed', async () => ((await rows.count()) === 3 ? true : undefined));
    const by = `by ${SUPER_ADMIN.firstname} ${SUPER_ADMIN.lastname}`;
    const texts = await rows.allInnerTexts();
    // Newest first: the cache's overwrite, the missing texts, the folder.
    expect(texts[0]).toContain('2 selected images');
    expect(texts[0]).toContain('Overwrite');
    expect(texts[0]).toContain('2 described · 0 skipped · 0 failed');
    expect(texts[1]).toContain('Missing alt text');
    expect(texts[1]).toContain('3 described');
    expect(texts[2]).toContain('Folder Photos / 2024');
    expect(texts[2]).toContain('Fill');
    for (const text of texts) {
      expect(text).toContain(by);
      expect(text).toMatch(/\bdone\b/i);
    }
    // Credits: the last cell of each row — 0 for the run the cache answered.
    const credits = await rows.locator('td:last-child').allInnerTexts();
    expect(credits.map((text) => text.trim())).toEqual(['0', '3', '2']);
    await screenshotOf(history, 'run-history');
  });
});
