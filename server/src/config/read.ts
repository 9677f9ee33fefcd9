import type { Core } from '@strapi/strapi';
import { pluginConfigSchema, type PluginConfig } from './schema';
import { PLUGIN_ID } from '../utils/plugin-id';

/**
 * The configuration in force: config/plugins.ts merged with what admins saved in the settings
 * page (see services/settings.ts, which keeps this up to date). Before the saved settings are
 * loaded (register phase), the file configuration alone.
 */
const effective = new WeakMap<Core.Strapi, PluginConfig>();

export const readFileConfig = (strapi: Core.Strapi): PluginConfig =>
  pluginConfigSchema.parse(strapi.config.get(`plugin::${PLUGIN_ID}`));

export const readConfig = (strapi: Core.Strapi): PluginConfig => effective.get(strapi) ?? readFileConfig(strapi);

export const setEffectiveConfig = (strapi: Core.Strapi, config: PluginConfig): void => {
  effective.set(strapi, config);
};
