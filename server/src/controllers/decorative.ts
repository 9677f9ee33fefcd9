import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { decorativeBody } from '../validation/decorative';
import { idParams } from '../validation/params';
import { validate } from '../validation/validate';
import { actorOf } from './actor';
import { found } from './found';

export const createDecorativeController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /auto-alt-text/media/:id/decorative */
  async set(ctx: Context) {
    const { id } = validate(idParams, ctx.params);
    const { decorative } = validate(decorativeBody, ctx.request.body);
    ctx.body = { data: found(await getService(strapi, 'decorative').set(id, decorative, actorOf(ctx)), 'Image') };
  },
});
