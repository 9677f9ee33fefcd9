import type { Core } from '@strapi/strapi';
import { getService } from './services/get-service';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  getService(strapi, 'settings').stopRefreshing();
  await getService(strapi, 'queue').stop();
};

export default destroy;
