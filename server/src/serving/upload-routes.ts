import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/plugin-id';
import { requestedLocale, type ResponseLocalizer } from './localize';
import { FILE_UID } from './media-objects';

/** GET /api/upload/files, /files/page and /files/:id: the upload plugin reads them with `strapi.db.query`, past any Document Service middleware. */
const FILE_READS = new Set(['content-api.find', 'content-api.findPage', 'content-api.findOne']);

interface Route {
  method?: string;
  handler?: unknown;
  config?: { middlewares?: unknown[] } & Record<string, unknown>;
}

type KoaMiddleware = (ctx: { query?: Record<string, unknown>; status?: number; body?: unknown }, next: () => Promise<unknown>) => Promise<void>;

/** What a file route answers: the files (find), `{ data, meta }` (findPage) or one file (findOne). */
const filesOf = (body: unknown): unknown =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && Array.isArray((body as { data?: unknown }).data) ? (body as { data: unknown }).data : body;

/**
 * Adds a route middleware to the upload plugin's content-API file reads (never its admin routes):
 * after the controller has answered, the files' alt text is rewritten to `?locale=`'s. The upload
 * plugin exposes `routes['content-api'].routes` for exactly this (extensions mutating its routes);
 * it must happen at register, before Strapi builds the router.
 */
export const localizeUploadFileRoutes = (strapi: Core.Strapi, localizer: ResponseLocalizer): void => {
  const middleware: KoaMiddleware = async (ctx, next) => {
    await next();
    const locale = requestedLocale(ctx.query?.locale);
    if (!locale || ctx.status !== 200 || ctx.body === undefined || ctx.body === null) return;
    try {
      await localizer.localize(filesOf(ctx.body), FILE_UID, locale);
    } catch (error) {
      strapi.log.warn(`[${PLUGIN_ID}] upload files: alt text in "${locale}" could not be read, the default text is served (${error instanceof Error ? error.message : 'unknown error'})`);
    }
  };

  const routes = (strapi.plugin('upload')?.routes as Record<string, { routes?: unknown }> | undefined)?.['content-api']?.routes;
  const fileReads = Array.isArray(routes) ? (routes as Route[]).filter((route) => route.method === 'GET' && FILE_READS.has(String(route.handler))) : [];
  if (fileReads.length === 0) {
    strapi.log.warn(`[${PLUGIN_ID}] the upload plugin's content-API file routes were not found: /api/upload/files serves the default alt text only`);
    return;
  }
  for (const route of fileReads) {
    route.config = { ...route.config, middlewares: [...(route.config?.middlewares ?? []), middleware] };
  }
};
