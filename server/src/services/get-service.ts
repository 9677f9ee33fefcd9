import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/plugin-id';
import type services from '.';

/** Every service of the plugin, by name, as `strapi.plugin('auto-alt-text').service(name)` returns it (docs/service-api.md). */
export type AutoAltTextServices = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };
type Services = AutoAltTextServices;

/** The one typed way into the plugin's services. */
export const getService = <Name extends keyof Services>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as Services[Name];
