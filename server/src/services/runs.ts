import type { Core } from '@strapi/strapi';
import { createRuns } from '../queue/runs/lifecycle';
import type { ProviderLanguages } from '../queue/runs/locale-plan';
import { getService } from './get-service';

/** Bulk runs as Strapi exposes them (queue/runs/ holds their life; the queue service feeds them). */
export const createRunsService = ({ strapi }: { strapi: Core.Strapi }) =>
  createRuns(strapi, () => {
    const queue = getService(strapi, 'queue');
    const generation = getService(strapi, 'generation');
    const providerLanguages = (): ProviderLanguages | undefined => {
      const provider = generation.provider();
      return provider && { name: provider.name, supports: (lang) => provider.supportsLanguage(lang), oneCallForAllLanguages: typeof provider.generateLanguages === 'function' };
    };
    return {
      jobs: queue.jobs(),
      owner: queue.owner,
      enqueue: queue.enqueue,
      retryFailed: queue.retryFailed,
      nudge: queue.nudge,
      localeSet: generation.localeSet,
      providerLanguages,
      budget: () => getService(strapi, 'budget').view(),
    };
  });
