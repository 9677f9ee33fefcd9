import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startEmulator, type AccountInput, type Emulator } from '../../../emulator/server';
import { ensureBuilt } from '../../../scripts/build-if-stale';
import type { AdminApi } from './admin-api';
import { dismissAnnouncements, launchBrowser, logIn, newAdminContext } from './browser';
import { startPlayground, SUPER_ADMIN, type Playground } from './playground';
import { E2E_KEY, pluginEnvFor } from './stack';

/** What every browser test stands on: the built plugin, the provider emulator and a playground app using it. */
export interface AdminStack {
  emulator: Emulator;
  app: Playground;
  api: AdminApi;
}

export interface AdminStackOptions {
  /** The emulator's accounts; by default one Pro account holding the saved key with 200 credits. */
  accounts?: AccountInput[];
  /** The app's environment; by default `pluginEnvFor(emulator)` with the e2e key set. */
  env?(emulator: Emulator): Record<string, string>;
}

export const startAdminStack = async (options: AdminStackOptions = {}): Promise<AdminStack> => {
  await ensureBuilt();
  const emulator = await startEmulator({ accounts: options.accounts ?? [{ key: E2E_KEY, credits: 200, plan: 'Pro' }] });
  try {
    const app = await startPlayground(options.env ? options.env(emulator) : { ...pluginEnvFor(emulator), ALT_TEXT_API_KEY: E2E_KEY });
    return { emulator, app, api: { url: app.url, jwt: app.adminJwt } };
  } catch (error) {
    await emulator.close();
    throw error;
  }
};

/** A browser with one admin tab, signed in as the super admin with Strapi's banner closed (unless `signIn: false`). */
export interface AdminTab {
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

export const openAdminTab = async (app: Playground, { signIn = true }: { signIn?: boolean } = {}): Promise<AdminTab> => {
  const browser = await launchBrowser();
  const context = await newAdminContext(browser);
  const page = await context.newPage();
  if (signIn) {
    await logIn(page, app.url, SUPER_ADMIN);
    await dismissAnnouncements(page);
  }
  return { browser, context, page };
};

/** For afterAll: closes whatever was opened, even when beforeAll stopped half-way. */
export const closeAdminStack = async (tab: Partial<AdminTab>, stack: Partial<Omit<AdminStack, 'api'>>): Promise<void> => {
  await tab.browser?.close();
  await stack.app?.stop();
  await stack.emulator?.close();
};
