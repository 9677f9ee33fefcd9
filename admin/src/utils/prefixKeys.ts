import { PLUGIN_ID } from '../pluginId';

/** Keys as Strapi's intl sees them after `registerTrads`: `auto-alt-text.<key>`. */
export const prefixKeys = (data: Record<string, string>) =>
  Object.fromEntries(Object.entries(data).map(([key, value]) => [`${PLUGIN_ID}.${key}`, value]));
