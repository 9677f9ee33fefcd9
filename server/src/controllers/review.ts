import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { approveBody, approveManyBody, rejectBody, reviewListQuery } from '../validation/review';
import { idParams } from '../validation/params';
import { validate } from '../validation/validate';
import { actorOf } from './actor';
import { found } from './found';

export const createReviewController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /auto-alt-text/review */
  async list(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'review').list(validate(reviewListQuery, ctx.query)) };
  },
  /** POST /auto-alt-text/review/:id/approve */
  async approve(ctx: Context) {
    const { id } = validate(idParams, ctx.params);
    const { text } = validate(approveBody, ctx.request.body);
    ctx.body = { data: found(await getService(strapi, 'review').approve(id, text, actorOf(ctx)), 'Suggestion') };
  },
  /** POST /auto-alt-text/review/approve */
  async approveMany(ctx: Context) {
    const { ids } = validate(approveManyBody, ctx.request.body);
    ctx.body = { data: await getService(strapi, 'review').approveMany(ids, actorOf(ctx)) };
  },
  /** POST /auto-alt-text/review/:id/reject */
  async reject(ctx: Context) {
    const { id } = validate(idParams, ctx.params);
    const { regenerate } = validate(rejectBody, ctx.request.body);
    ctx.body = { data: found(await getService(strapi, 'review').reject(id, regenerate ?? false), 'Suggestion') };
  },
});
