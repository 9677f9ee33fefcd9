import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { getService } from '../utils/get-service';
import type { MediaFilter } from '../services/media';

const FILTERS: MediaFilter[] = ['all', 'missing', 'generated', 'human'];
const altTextSchema = z.object({ alternativeText: z.string().max(2000) }).strict();
const regenerateSchema = z.object({ lang: z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i).nullable().optional() }).strict();

const fileId = (ctx: Context): number => {
  const id = Number(ctx.params.id);
  if (!Number.isInteger(id) || id <= 0) throw new errors.ValidationError('Invalid file id');
  return id;
};

export const createMediaController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /auto-alt-text/media */
  async list(ctx: Context) {
    const query = ctx.query as Record<string, string | undefined>;
    const filter = FILTERS.includes(query.filter as MediaFilter) ? (query.filter as MediaFilter) : 'all';
    ctx.body = {
      data: await getService(strapi, 'media').list({
        filter,
        search: query.search?.slice(0, 200),
        page: Number(query.page ?? 1) || 1,
        pageSize: Number(query.pageSize ?? 20) || 20,
      }),
    };
  },
  /** POST /auto-alt-text/media/:id/regenerate */
  async regenerate(ctx: Context) {
    const body = regenerateSchema.safeParse(ctx.request.body ?? {});
    if (!body.success) throw new errors.ValidationError('Invalid request');
    const result = await getService(strapi, 'media').regenerate(fileId(ctx), body.data.lang);
    if (!result) throw new errors.NotFoundError('Image not found');
    ctx.body = { data: result };
  },
  /** PUT /auto-alt-text/media/:id */
  async update(ctx: Context) {
    const body = altTextSchema.safeParse(ctx.request.body ?? {});
    if (!body.success) {
      throw new errors.ValidationError('Invalid request', {
        errors: body.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message, name: 'ValidationError' })),
      });
    }
    const result = await getService(strapi, 'media').updateAltText(fileId(ctx), body.data.alternativeText.trim());
    if (!result) throw new errors.NotFoundError('Image not found');
    ctx.body = { data: result };
  },
});
