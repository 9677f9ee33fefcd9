import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { getService } from '../services/get-service';
import { idParams } from '../validation/params';
import { estimateBody, failuresQuery, retryBody, runBody } from '../validation/queue';
import { validate } from '../validation/validate';

const found = <T>(value: T | null, what: string): T => {
  if (value === null) throw new errors.NotFoundError(`${what} not found`);
  return value;
};

export const createQueueController = ({ strapi }: { strapi: Core.Strapi }) => {
  const runs = () => getService(strapi, 'runs');
  const queue = () => getService(strapi, 'queue');
  const runId = (ctx: Context) => validate(idParams, ctx.params).id;
  return {
    /** GET /auto-alt-text/status */
    async status(ctx: Context) {
      ctx.body = { data: await queue().statusView() };
    },
    /** POST /auto-alt-text/queue/pause */
    async pauseQueue(ctx: Context) {
      await queue().pause('MANUAL', 'paused by an admin');
      ctx.body = { data: await queue().stateView() };
    },
    /** POST /auto-alt-text/queue/resume */
    async resumeQueue(ctx: Context) {
      await queue().resume();
      ctx.body = { data: await queue().stateView() };
    },
    /** POST /auto-alt-text/runs/estimate */
    async estimate(ctx: Context) {
      ctx.body = { data: await runs().estimate(validate(estimateBody, ctx.request.body)) };
    },
    /** POST /auto-alt-text/runs */
    async createRun(ctx: Context) {
      const run = await runs().create({ ...validate(runBody, ctx.request.body), createdBy: ctx.state?.user?.email });
      ctx.body = { data: await runs().get(run.id) };
    },
    /** GET /auto-alt-text/runs */
    async listRuns(ctx: Context) {
      ctx.body = { data: await runs().list(20) };
    },
    /** GET /auto-alt-text/runs/:id */
    async getRun(ctx: Context) {
      ctx.body = { data: found(await runs().get(runId(ctx)), 'Run') };
    },
    /** POST /auto-alt-text/runs/:id/pause */
    async pauseRun(ctx: Context) {
      ctx.body = { data: found(await runs().pause(runId(ctx)), 'Run') };
    },
    /** POST /auto-alt-text/runs/:id/resume */
    async resumeRun(ctx: Context) {
      ctx.body = { data: found(await runs().resume(runId(ctx)), 'Run') };
    },
    /** POST /auto-alt-text/runs/:id/cancel */
    async cancelRun(ctx: Context) {
      ctx.body = { data: found(await runs().cancel(runId(ctx)), 'Run') };
    },
    /** POST /auto-alt-text/runs/:id/retry-failed */
    async retryRun(ctx: Context) {
      const id = runId(ctx);
      await runs().retryFailed(id);
      ctx.body = { data: found(await runs().get(id), 'Run') };
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
