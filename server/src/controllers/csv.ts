import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { invalidRequest } from '../errors/field-errors';
import { getService } from '../services/get-service';
import { actorOf } from './actor';
import { csvExportQuery } from '../validation/csv';
import { validate } from '../validation/validate';

/** The multipart part `files` (Strapi's body parser saves it to a temporary file and removes it after the request). */
const uploadedPath = (ctx: Context): string => {
  const files = (ctx.request as { files?: Record<string, unknown> }).files?.files;
  const file = (Array.isArray(files) ? (files.length === 1 ? files[0] : undefined) : files) as { filepath?: string } | undefined;
  if (!file?.filepath) throw invalidRequest([{ path: ['files'], message: 'send one CSV file as multipart/form-data in the field "files"' }]);
  return file.filepath;
};

export const createCsvController = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /auto-alt-text/csv/export */
  async export(ctx: Context) {
    const options = validate(csvExportQuery, ctx.query);
    const pieces = await getService(strapi, 'csv').export(options);
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="${getService(strapi, 'csv').fileName(options)}"`);
    ctx.body = Readable.from(pieces);
  },
  /** POST /auto-alt-text/csv/import */
  async import(ctx: Context) {
    const result = await getService(strapi, 'csv').import(createReadStream(uploadedPath(ctx)), { actor: actorOf(ctx) });
    if (!result.ok) throw new errors.ValidationError(`The CSV file has ${result.errorCount} error(s); nothing was written`, { reason: 'CSV_INVALID', errors: result.errors, errorCount: result.errorCount });
    ctx.body = { data: result.counts };
  },
});
