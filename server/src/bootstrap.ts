import type { Core } from '@strapi/strapi';
import { getService } from './services/get-service';
import { PLUGIN_ID } from './utils/plugin-id';
import { readConfig } from './config/read';

const PRUNE_CRON = `${PLUGIN_ID}-prune-jobs`;

const ACTIONS = [
  { uid: 'read', displayName: 'Read coverage, runs and failures' },
  { uid: 'settings', displayName: 'Change settings and verify the key' },
  { uid: 'generate', displayName: 'Regenerate and edit one image' },
  { uid: 'bulk', displayName: 'Start and control bulk runs, pause the queue' },
];

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi
    .service('admin::permission')
    .actionProvider.registerMany(ACTIONS.map((action) => ({ ...action, section: 'plugins', pluginName: PLUGIN_ID })));

  const settings = getService(strapi, 'settings');
  await settings.load();
  settings.startRefreshing();
  const config = readConfig(strapi);
  if (!config.apiKey) {
    strapi.log.warn(`[${PLUGIN_ID}] no API key configured (ALT_TEXT_API_KEY): uploads will not get alt text`);
  }
  // As for the primary, only a self-hosted OpenAI-compatible server goes without a key.
  if (config.fallback && !config.fallback.apiKey && !(config.fallback.provider === 'openai' && config.fallback.baseUrl)) {
    strapi.log.warn(`[${PLUGIN_ID}] the fallback provider (${config.fallback.provider}) has no API key (ALT_TEXT_FALLBACK_API_KEY): it is not used`);
  }
  const queue = getService(strapi, 'queue');
  const duplicates = await queue.jobs().adoptLegacyActiveJobs();
  if (duplicates > 0) strapi.log.warn(`[${PLUGIN_ID}] cancelled ${duplicates} duplicate job(s) left by an earlier version: each file keeps one`);
  await queue.resumeIfConfigChanged();
  await queue.pruneFinished();
  // Runs when the app enables cron (server.cron.enabled); startup pruning covers the rest.
  strapi.cron.add({ [PRUNE_CRON]: { task: () => queue.pruneFinished(), options: { rule: '17 3 * * *' } } });
  queue.start();
  await getService(strapi, 'runs').continueInterrupted();
};

export default bootstrap;
