import type { Core } from '@strapi/strapi';
import { FILE_UID } from '../utils/plugin-id';
import { isAltTextMissing } from './missing';
import { isOwnWrite } from './own-writes';
import { createProvenanceStore, isGeneratedText } from './provenance';

/** The update comes from a request to Strapi's upload routes (the Media Library, `/api/upload?id=`). */
const throughUploadRoute = (strapi: Core.Strapi): boolean => {
  const request = (strapi.requestContext.get() as { request?: { path?: string } } | undefined)?.request;
  return !!request?.path && /^\/(api\/)?upload(\/|$)/.test(request.path);
};

/**
 * Strapi's Media Library dialog sends back the alt text it loaded with every save. An editor who
 * opened an image before its generated text arrived and then saved a caption sends an empty alt
 * text, and the generated one was wiped: the image became *Missing* and was not queued again (the
 * credit spent for nothing). An update through Strapi's upload routes (`/upload` for the admin's
 * dialog, `/api/upload` for API clients that send back what they loaded) that would leave the text
 * missing while the file holds exactly the text the plugin generated keeps that text instead (no
 * provider call). Code in the server (no request: scripts, migrations, other plugins' jobs) and the
 * plugin's own writes are let through. An image marked decorative holds '' already, so nothing is kept
 * for it; a person who wants an image without alt text marks it decorative, or clears it in the
 * plugin's own list.
 *
 * Returns the text to keep, or null to let the update through as it is.
 */
export const generatedTextToKeep = async (strapi: Core.Strapi, fileId: number, next: unknown, nextName: unknown): Promise<string | null> => {
  if (isOwnWrite() || !throughUploadRoute(strapi) || (next !== null && next !== undefined && typeof next !== 'string')) return null;
  // Most updates (every Media Library save sends the name and the text) are answered without a read.
  if (typeof next === 'string' && typeof nextName === 'string' && !isAltTextMissing(next, nextName)) return null;
  const file = (await strapi.db.query(FILE_UID).findOne({ where: { id: fileId }, select: ['id', 'name', 'alternativeText'] })) as { name: string; alternativeText: string | null } | null;
  if (!file?.alternativeText) return null;
  const name = typeof nextName === 'string' ? nextName : file.name;
  if (!isAltTextMissing(next as string | null | undefined, name) || isAltTextMissing(file.alternativeText, file.name)) return null;
  return isGeneratedText(file.alternativeText, await createProvenanceStore(strapi).get(fileId)) ? file.alternativeText : null;
};
