import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { env, importDefault } from '@strapi/utils';
import { PLUGIN_ID } from '../utils/plugin-id';
import { EDITABLE_ENTRY_CONTEXT_KEYS } from './locks';

/** A config file as Strapi loads it: a module whose default export is the object or a function of `{ env }`. */
const loadConfigFile = (file: string): unknown => {
  const loaded: unknown = importDefault(file);
  return typeof loaded === 'function' ? (loaded as (context: { env: typeof env }) => unknown)({ env }) : loaded;
};

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * The keys a config block names, and the options of `entryContext` as `entryContext.<option>`:
 * config/plugins may fix one of them and leave the others to the admin. `entryContext` named with
 * no object (`env.json('X')` with X unset) names every option an admin could change.
 */
export const namedIn = (config: unknown): string[] => {
  const block = (config as Record<string, { config?: unknown } | undefined> | null | undefined)?.[PLUGIN_ID]?.config;
  if (!isObject(block)) return [];
  const keys = Object.keys(block);
  if (!keys.includes('entryContext')) return keys;
  const options = isObject(block.entryContext) ? Object.keys(block.entryContext) : EDITABLE_ENTRY_CONTEXT_KEYS;
  return [...keys, ...options.map((option) => `entryContext.${option}`)];
};

/**
 * The keys the app's own config/plugins (and config/env/<NODE_ENV>/plugins) names for this
 * plugin, whatever their value. Strapi keeps only the merged result, defaults laid under the app's
 * values (`strapi.config.get('plugin::auto-alt-text')`), and drops the app's own `plugins` config
 * (`strapi.config.get('plugins')` is undefined), so `baseUrl: env('X')` with X unset could not be
 * told from no `baseUrl` at all. The files are read again the way Strapi reads them
 * (core/loaders/plugins/get-user-plugins-config), from the same compiled config folder.
 */
export const readNamedConfigKeys = (strapi: Core.Strapi): Set<string> => {
  const folder = strapi.dirs.dist.config;
  const files = [path.join(folder, 'plugins.js'), path.join(folder, 'env', process.env.NODE_ENV ?? 'development', 'plugins.js')];
  const named = new Set<string>();
  for (const file of files) {
    if (existsSync(file)) for (const key of namedIn(loadConfigFile(file))) named.add(key);
  }
  return named;
};
