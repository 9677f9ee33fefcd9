import type { Core } from '@strapi/strapi';
import { getService } from './utils/get-service';
import { PLUGIN_ID } from './utils/plugin-id';
import { readConfig } from './utils/read-config';

const bootstrap = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = readConfig(strapi);
  if (!config.apiKey) {
    strapi.log.warn(`[${PLUGIN_ID}] no API key configured (ALT_TEXT_API_KEY): uploads will not get alt text`);
  }
  getService(strapi, 'queue').start();
};

export default bootstrap;
