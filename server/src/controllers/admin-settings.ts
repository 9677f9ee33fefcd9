import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../utils/get-service';

export const createSettingsController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /auto-alt-text/settings */
  async get(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'settings').view() };
  },
  /** PUT /auto-alt-text/settings */
  async update(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'settings').update(ctx.request.body) };
  },
  /** POST /auto-alt-text/settings/verify */
  async verify(ctx: Context) {
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : body[key] === null ? null : undefined);
    ctx.body = {
      data: await getService(strapi, 'account').verify({
        provider: text('provider') ?? undefined,
        apiKey: text('apiKey') ?? undefined,
        baseUrl: text('baseUrl'),
        model: text('model'),
      }),
    };
  },
  /** GET /auto-alt-text/credits */
  async credits(ctx: Context) {
    ctx.body = { data: await getService(strapi, 'account').credits() };
  },
});
