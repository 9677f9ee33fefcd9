import { PLUGIN_ID } from '../pluginId';

/** Admin routes live under `/<plugin id>`; the fetch client adds the host and the admin JWT. */
export const apiPath = (path: string) => `/${PLUGIN_ID}/${path}`;
