import type { Core } from '@strapi/strapi';
import { pluginConfigSchema, type PluginConfig } from '../config/schema';
import { PLUGIN_ID } from './plugin-id';

/** The validated plugin config (the validator already ran at boot; parsing again gives the type). */
export const readConfig = (strapi: Core.Strapi): PluginConfig =>
  pluginConfigSchema.parse(strapi.config.get(`plugin::${PLUGIN_ID}`));
