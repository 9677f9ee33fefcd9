import type { Core } from '@strapi/strapi';
import { subscribeToEntrySaves } from './lifecycles/entry-saves';
import { subscribeToUploads } from './lifecycles/upload-files';
import { MODELS } from './models';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  const models = strapi.get('models') as { add(model: unknown): void };
  for (const model of MODELS) models.add(model);
  subscribeToUploads(strapi);
  subscribeToEntrySaves(strapi);
};

export default register;
