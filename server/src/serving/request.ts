import type { Core } from '@strapi/strapi';

/** What serving reads of the Koa context of the request being answered. */
export interface ServedRequest {
  path?: string;
  query?: Record<string, unknown>;
  state?: { route?: { info?: { type?: string } } };
}

/**
 * The request being answered when it is a content-API one (a front end's), else undefined: the
 * admin's (content-manager, Media Library) and work outside any request (cron, the queue, a
 * script) always read what is stored.
 */
export const contentApiRequest = (strapi: Core.Strapi): ServedRequest | undefined => {
  const request = strapi.requestContext.get() as ServedRequest | undefined;
  return request?.state?.route?.info?.type === 'content-api' ? request : undefined;
};

/**
 * A GraphQL request: its route says "content-api" too, but its media are loaded outside the
 * Document Service, so serving/graphql.ts localizes them field by field instead.
 */
export const isGraphQLRequest = (strapi: Core.Strapi, request: ServedRequest): boolean => {
  if (!strapi.plugin('graphql')) return false;
  const endpoint = strapi.config.get('plugin::graphql.endpoint', '/graphql');
  return request.path === endpoint;
};
