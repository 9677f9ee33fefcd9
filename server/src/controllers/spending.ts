import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { spendingQuery } from '../validation/spending';
import { validate } from '../validation/validate';

export const createSpendingController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /auto-alt-text/spending?days= */
  async get(ctx: Context) {
    const { days } = validate(spendingQuery, ctx.query);
    ctx.body = { data: await getService(strapi, 'budget').spending(days) };
  },
});
