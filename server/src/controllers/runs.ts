import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { idParams } from '../validation/params';
import { estimateBody, runBody } from '../validation/queue';
import { runsQuery } from '../validation/runs';
import { validate } from '../validation/validate';
import { found } from './found';

export const createRunsController = ({ strapi }: { strapi: Core.Strapi }) => {
  const runs = () => getService(strapi, 'runs');
  const runId = (ctx: Context) => validate(idParams, ctx.params).id;
  return {
    /** POST /auto-alt-text/runs/estimate */
    async estimate(ctx: Context) {
      ctx.body = { data: await runs().estimate(validate(estimateBody, ctx.request.body)) };
    },
    /** POST /auto-alt-text/runs */
    async create(ctx: Context) {
      const run = await runs().create({ ...validate(runBody, ctx.request.body), createdBy: ctx.state?.user?.email });
      ctx.body = { data: await runs().get(run.id) };
    },
    /** GET /auto-alt-text/runs?page=&pageSize= */
    async list(ctx: Context) {
      const { rows, pagination } = await runs().history(validate(runsQuery, ctx.query));
      ctx.body = { data: rows, meta: { pagination } };
    },
    /** GET /auto-alt-text/runs/:id */
    async get(ctx: Context) {
      ctx.body = { data: found(await runs().get(runId(ctx)), 'Run') };
    },
    /** POST /auto-alt-text/runs/:id/pause */
    async pause(ctx: Context) {
      ctx.body = { data: found(await runs().pause(runId(ctx)), 'Run') };
    },
    /** POST /auto-alt-text/runs/:id/resume */
    async resume(ctx: Context) {
      ctx.body = { data: found(await runs().resume(runId(ctx)), 'Run') };
    },
    /** POST /auto-alt-text/runs/:id/cancel */
    async cancel(ctx: Context) {
      ctx.body = { data: found(await runs().cancel(runId(ctx)), 'Run') };
    },
    /** POST /auto-alt-text/runs/:id/retry-failed */
    async retryFailed(ctx: Context) {
      const id = runId(ctx);
      await runs().retryFailed(id);
      ctx.body = { data: found(await runs().get(id), 'Run') };
    },
  };
};
