import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { historyQuery, revertBody } from '../validation/history';
import { idParams } from '../validation/params';
import { validate } from '../validation/validate';
import { actorOf } from './actor';
import { found } from './found';

export const createHistoryController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /auto-alt-text/media/:id/history */
  async list(ctx: Context) {
    const { id } = validate(idParams, ctx.params);
    ctx.body = { data: found(await getService(strapi, 'history').list(id, validate(historyQuery, ctx.query)), 'Image') };
  },
  /** POST /auto-alt-text/media/:id/revert */
  async revert(ctx: Context) {
    const { id } = validate(idParams, ctx.params);
    const { versionId } = validate(revertBody, ctx.request.body);
    ctx.body = { data: found(await getService(strapi, 'history').revert(id, versionId, actorOf(ctx)), 'Image') };
  },
});
