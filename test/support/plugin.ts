import type { Core } from '@strapi/strapi';
import type { createBudgetService } from '../../server/src/services/budget';
import type { createQueueService } from '../../server/src/services/queue';
import type { createRunsService } from '../../server/src/services/runs';
import type { createSettingsService } from '../../server/src/services/settings';

/** The plugin's services as loaded by the app (from dist/), typed from the sources. */
export const pluginServices = (strapi: Core.Strapi) => {
  const plugin = strapi.plugin('auto-alt-text');
  return {
    queue: plugin.service('queue') as ReturnType<typeof createQueueService>,
    runs: plugin.service('runs') as ReturnType<typeof createRunsService>,
    settings: plugin.service('settings') as ReturnType<typeof createSettingsService>,
    budget: plugin.service('budget') as ReturnType<typeof createBudgetService>,
  };
};

export interface FileRow {
  id: number;
  url: string;
  name: string;
  alternativeText: string | null;
}

export const fileRows = async (strapi: Core.Strapi, ids: number[]): Promise<FileRow[]> =>
  (await strapi.db.query('plugin::upload.file').findMany({ where: { id: { $in: ids } }, orderBy: { id: 'asc' } })) as FileRow[];
