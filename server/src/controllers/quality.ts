import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { recheckBody } from '../validation/quality';
import { validate } from '../validation/validate';

export const createQualityController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /auto-alt-text/quality/recheck */
  async recheck(ctx: Context) {
    validate(recheckBody, ctx.request.body);
    ctx.body = { data: await getService(strapi, 'quality').recheck() };
  },
});
