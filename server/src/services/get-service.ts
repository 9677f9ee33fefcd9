import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/plugin-id';
import type services from '.';

type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };

/** The one typed way into the plugin's services. */
export const getService = <Name extends keyof Services>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as Services[Name];
