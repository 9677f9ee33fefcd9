import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { failuresQuery, retryBody } from '../validation/queue';
import { validate } from '../validation/validate';

export const createQueueController = ({ strapi }: { strapi: Core.Strapi }) => {
  const queue = () => getService(strapi, 'queue');
  return {
    /** GET /auto-alt-text/status */
    async status(ctx: Context) {
      ctx.body = { data: await queue().statusView() };
    },
    /** POST /auto-alt-text/queue/pause */
    async pause(ctx: Context) {
      await queue().pause('MANUAL', 'paused by an admin');
      ctx.body = { data: await queue().stateView() };
    },
    /** POST /auto-alt-text/queue/resume */
    async resume(ctx: Context) {
      await queue().resume();
      ctx.body = { data: await queue().stateView() };
    },
    /** GET /auto-alt-text/folders */
    async folders(ctx: Context) {
      ctx.body = { data: { folders: await getService(strapi, 'folders').list() } };
    },
    /** GET /auto-alt-text/locales */
    async locales(ctx: Context) {
      ctx.body = { data: { locales: await getService(strapi, 'locales').view() } };
    },
    /** GET /auto-alt-text/failures */
    async failures(ctx: Context) {
      ctx.body = { data: await queue().failuresView(validate(failuresQuery, ctx.query)) };
    },
    /** POST /auto-alt-text/failures/retry */
    async retryFailures(ctx: Context) {
      ctx.body = { data: await queue().retryFailed(validate(retryBody, ctx.request.body)) };
    },
  };
};
