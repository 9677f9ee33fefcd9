import type { Core } from '@strapi/strapi';
import type { PluginConfig, UploadSource } from '../config/schema';

interface RequestState {
  state?: { auth?: { strategy?: { name?: unknown } } };
}

/**
 * Who is uploading, read from the request Strapi is serving (its request context follows the
 * upload down to the database lifecycle). No request: code running in the server (a seed, a script).
 */
export const currentUploadSource = (strapi: Core.Strapi): UploadSource => {
  const context = strapi.requestContext.get() as RequestState | undefined;
  if (!context) return 'server';
  const strategy = context.state?.auth?.strategy?.name;
  if (strategy === 'admin' || strategy === 'api-token' || strategy === 'users-permissions') return strategy;
  return 'other';
};

export const describesUploadsFrom = (config: Pick<PluginConfig, 'uploadSources'>, source: UploadSource): boolean =>
  config.uploadSources === 'all' || config.uploadSources.includes(source);
