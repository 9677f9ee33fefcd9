import type { Core } from '@strapi/strapi';
import { localizeDocumentReads } from './document-reads';
import { localizeGraphQL } from './graphql';
import { createResponseLocalizer, type ReadLocaleSet } from './localize';
import { localizeUploadFileRoutes } from './upload-routes';

/**
 * Serves each content-API request's alt text in its `locale` (issue 14): REST entries through a
 * Document Service middleware, the upload plugin's file routes through their own route middleware,
 * GraphQL through the `UploadFile.alternativeText` field. At register: routes and the GraphQL
 * schema are built after it.
 */
export const registerServing = (strapi: Core.Strapi, localeSet: ReadLocaleSet): void => {
  const localizer = createResponseLocalizer(strapi, localeSet);
  strapi.documents.use(localizeDocumentReads(strapi, localizer));
  localizeUploadFileRoutes(strapi, localizer);
  localizeGraphQL(strapi, localizer);
};
