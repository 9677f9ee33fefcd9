import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';

const destroy = async ({ strapi }: { strapi: Core.Strapi }) => {
  getService(strapi, 'settings').stopRefreshing();
  await getService(strapi, 'queue').stop();
};

export default destroy;
