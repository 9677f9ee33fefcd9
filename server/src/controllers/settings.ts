import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';

/** The admin who made the request, as the log names them. */
const actorOf = (ctx: Context): string | undefined => {
  const email: unknown = (ctx.state as { user?: { email?: unknown } }).user?.email;
  return typeof email === 'string' ? email : undefined;
};

export const createSettingsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /auto-alt-text/settings */
  async get(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'settings').view() };
  },
  /** PUT /auto-alt-text/settings */
  async update(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'settings').update(ctx.request.body, actorOf(ctx)) };
  },
  /** POST /auto-alt-text/settings/verify */
  async verify(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'account').verify(ctx.request.body ?? {}) };
  },
  /** GET /auto-alt-text/credits */
  async credits(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'account').credits() };
  },
});
