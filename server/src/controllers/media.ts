import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { actorOf } from './actor';
import { altTextBody, mediaListQuery, regenerateBody } from '../validation/media';
import { idParams } from '../validation/params';
import { validate } from '../validation/validate';
import { found } from './found';

export const createMediaController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /auto-alt-text/media */
  async list(ctx: Context) {
    const media = getService(strapi, 'media');
    ctx.body = { data: { ...(await media.list(validate(mediaListQuery, ctx.query))), limits: media.limits() } };
  },
  /** POST /auto-alt-text/media/:id/regenerate */
  async regenerate(ctx: Context) {
    const { id } = validate(idParams, ctx.params);
    const { lang, locale } = validate(regenerateBody, ctx.request.body);
    ctx.body = { data: found(await getService(strapi, 'media').regenerate(id, lang, locale), 'Image') };
  },
  /** PUT /auto-alt-text/media/:id */
  async update(ctx: Context) {
    const { id } = validate(idParams, ctx.params);
    const { alternativeText, locale } = validate(altTextBody, ctx.request.body);
    ctx.body = { data: found(await getService(strapi, 'media').updateAltText(id, alternativeText.trim(), locale, actorOf(ctx)), 'Image') };
  },
});
