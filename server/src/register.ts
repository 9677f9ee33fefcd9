import type { Core } from '@strapi/strapi';
import { subscribeToUploads } from './lifecycles/upload-files';
import { jobModel, provenanceModel, runModel } from './queue/models';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  const models = strapi.get('models') as { add(model: unknown): void };
  models.add(jobModel);
  models.add(runModel);
  models.add(provenanceModel);
  subscribeToUploads(strapi);
};

export default register;
