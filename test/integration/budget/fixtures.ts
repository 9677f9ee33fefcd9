import { randomBytes } from 'node:crypto';
import type { Emulator } from '../../../emulator/server';
import type { PlaygroundApp } from '../../harness/strapi-app';
import { pluginServices } from '../../support/plugin';

export const budgetKey = () => `budget-key-${randomBytes(8).toString('hex')}`;

/** An app that describes nothing on upload (runs do), at concurrency 2, with this budget. */
export const budgetEnv = (emulator: Emulator, apiKey: string, budget: { perDay?: number; perMonth?: number }) => ({
  ALT_TEXT_PROVIDER: 'alttextlab',
  ALT_TEXT_API_KEY: apiKey,
  ALT_TEXT_BASE_URL: emulator.baseUrls.alttextlab,
  ALT_TEXT_AUTO_ON_UPLOAD: 'false',
  ALT_TEXT_CONCURRENCY: '2',
  ALT_TEXT_REQUESTS_PER_SECOND: '0',
  ALT_TEXT_POLL_INTERVAL_MS: '100',
  ALT_TEXT_RETRY_BASE_MS: '100',
  ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
  ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ budget }),
});

/**
 * Sets the budget's clock to `iso`, running on from there at the real pace: the days and months the
 * budget counts in, and the end of a BUDGET_REACHED pause, follow it; nothing else in the app does.
 */
export const setClock = (app: PlaygroundApp, iso: string) => {
  const from = Date.parse(iso);
  const started = Date.now();
  pluginServices(app.strapi).budget.setClockForTests(() => new Date(from + (Date.now() - started)));
};

/** Generation calls the emulator answered with a text. */
export const answered = (emulator: Emulator) => emulator.requests.filter((request) => request.status === 200).length;
