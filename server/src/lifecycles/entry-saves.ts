import type { Core } from '@strapi/strapi';
import { readConfig } from '../config/read';
import { getService } from '../services/get-service';
import { PLUGIN_ID } from '../utils/plugin-id';

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

const SAVES = new Set(['create', 'update', 'publish']);

/**
 * `entryContext.upgrade`: after an entry of the app is created, updated or published, its images
 * that the plugin described without any entry's context are queued once more with this entry's.
 * The check runs after the save has answered (never slowing or failing it) and costs nothing when
 * the option is off.
 */
export const subscribeToEntrySaves = (strapi: Core.Strapi) => {
  const afterSave: Middleware = async (context, next) => {
    const result = await next();
    const saved = result as { documentId?: string; locale?: string | null } | null;
    const params = (context.params ?? {}) as { documentId?: string; locale?: unknown };
    const uid: string = context.contentType?.uid ?? '';
    if (!SAVES.has(context.action) || !uid.startsWith('api::')) return result;
    const { entryContext } = readConfig(strapi);
    if (!entryContext.enabled || !entryContext.upgrade) return result;
    const documentId = saved?.documentId ?? params.documentId;
    const locale = saved?.locale ?? (typeof params.locale === 'string' ? params.locale : null);
    if (documentId) {
      setImmediate(() => {
        getService(strapi, 'entries')
          .upgrade({ uid, documentId, locale: locale ?? null })
          .catch((error: unknown) => strapi.log.warn(`[${PLUGIN_ID}] ${uid} ${documentId}: its images could not be checked for context (${error instanceof Error ? error.message : 'unknown error'})`));
      });
    }
    return result;
  };
  strapi.documents.use(afterSave);
};
