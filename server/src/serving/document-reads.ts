import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/plugin-id';
import { requestedLocale, type ResponseLocalizer } from './localize';
import { contentApiRequest, isGraphQLRequest } from './request';

type Middleware = Parameters<Core.Strapi['documents']['use']>[0];

const READS = new Set(['findOne', 'findFirst', 'findMany']);

/**
 * Every entry a REST content-API request reads goes through the Document Service, with its
 * populated media, components, dynamic zones and relations: one middleware there localizes the
 * alt text of each file in it, in the locale the read was made in (`params.locale`, which the core
 * controllers take from `?locale=`), else the request's `?locale=` (a non-localized type may drop it).
 * Writes, the admin's reads and GraphQL are left alone.
 */
export const localizeDocumentReads = (strapi: Core.Strapi, localizer: ResponseLocalizer): Middleware => {
  const middleware: Middleware = async (context, next) => {
    const result = await next();
    if (!READS.has(context.action) || result === null || result === undefined) return result;
    const request = contentApiRequest(strapi);
    if (!request || isGraphQLRequest(strapi, request)) return result;
    const params = (context.params ?? {}) as { locale?: unknown };
    const locale = requestedLocale(params.locale) ?? requestedLocale(request.query?.locale);
    if (!locale) return result;
    try {
      await localizer.localize(result, context.uid, locale);
    } catch (error) {
      // The stored (default) text is still a right answer: a front end gets it rather than a 500.
      strapi.log.warn(`[${PLUGIN_ID}] ${context.uid}: alt text in "${locale}" could not be read, the default text is served (${error instanceof Error ? error.message : 'unknown error'})`);
    }
    return result;
  };
  return middleware;
};
