import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { entryImagesQuery, generateEntryImagesBody } from '../validation/entries';
import { validate } from '../validation/validate';

export const createEntriesController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /auto-alt-text/entries/images */
  async images(ctx: Context) {
    const { model, documentId, locale } = validate(entryImagesQuery, ctx.query);
    ctx.body = { data: { images: await getService(strapi, 'entries').images({ uid: model, documentId, locale: locale ?? null }) } };
  },
  /** POST /auto-alt-text/entries/images/generate */
  async generate(ctx: Context) {
    const { model, documentId, locale, fileIds } = validate(generateEntryImagesBody, ctx.request.body);
    ctx.body = { data: await getService(strapi, 'entries').generate({ uid: model, documentId, locale: locale ?? null }, fileIds) };
  },
});
