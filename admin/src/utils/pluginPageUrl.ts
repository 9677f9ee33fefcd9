import { PLUGIN_ID } from '../pluginId';

/**
 * The plugin's page as a full path for a link outside the router (a notification's): the admin's
 * base path is whatever precedes `/content-manager/` in the current one (`/admin` unless the app moved it).
 */
export const pluginPageUrl = (current = window.location.pathname) => {
  const at = current.indexOf('/content-manager/');
  return `${at >= 0 ? current.slice(0, at) : '/admin'}/plugins/${PLUGIN_ID}`;
};
