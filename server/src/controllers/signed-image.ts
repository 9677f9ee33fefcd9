import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services/get-service';
import { PLUGIN_ID } from '../utils/plugin-id';

const ERROR_NAMES: Record<number, string> = { 400: 'BadRequestError', 404: 'NotFoundError' };

/** Strapi's error shape, with our words only: nothing about the file, the storage or the key. */
const refuse = (ctx: Context, status: 400 | 404, message: string) => {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { data: null, error: { status, name: ERROR_NAMES[status], message, details: {} } };
};

export const createSignedImageController = ({ strapi }: { strapi: Core.Strapi }) => {
  const reader = () => getService(strapi, 'signedImage');
  return {
    /** GET /api/auto-alt-text/image?file&variant&exp&sig — the one rendition a plugin-signed URL grants. */
    async serve(ctx: Context) {
      try {
        const rawQuery = ctx.querystring;
        // The query is a bearer credential: keep it out of Strapi's request log, which prints
        // ctx.url once the response is done.
        ctx.querystring = '';
        const verdict = reader().verify(rawQuery);
        if (!verdict.ok) return refuse(ctx, 400, verdict.message);

        const image = await reader().open(verdict.claim.fileId, verdict.claim.variant);
        if (!image) return refuse(ctx, 404, 'Not found');
        ctx.status = 200;
        ctx.type = image.mime;
        if (image.length !== undefined) ctx.length = image.length;
        // A bearer URL: no caches, no sniffing, and an SVG opened here runs no script.
        ctx.set({
          'Cache-Control': 'private, no-store',
          'X-Content-Type-Options': 'nosniff',
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
          'Referrer-Policy': 'no-referrer',
          'Content-Disposition': 'inline',
        });
        ctx.body = image.stream;
      } catch (error) {
        strapi.log.warn(`[${PLUGIN_ID}] signed image request failed: ${error instanceof Error ? error.name : 'unknown error'}`);
        refuse(ctx, 404, 'Not found');
      }
    },
  };
};
