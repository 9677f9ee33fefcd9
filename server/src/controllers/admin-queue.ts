import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { getService } from '../utils/get-service';

const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('missing') }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('folder'), folderId: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('ids'), ids: z.array(z.number().int().positive()).min(1).max(10000) }).strict(),
]);
const runSchema = z
  .object({
    scope: scopeSchema,
    mode: z.enum(['fill', 'overwrite']).optional(),
    lang: z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i, 'must be a language code such as "en" or "en-gb"').nullable().optional(),
  })
  .strict();
const retrySchema = z.object({ jobIds: z.array(z.number().int().positive()).max(1000).optional(), runId: z.number().int().positive().optional() }).strict();

const parse = <T>(schema: z.ZodType<T>, value: unknown): T => {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    throw new errors.ValidationError('Invalid request', {
      errors: parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message, name: 'ValidationError' })),
    });
  }
  return parsed.data;
};

const runId = (ctx: Context): number => {
  const id = Number(ctx.params.id);
  if (!Number.isInteger(id) || id <= 0) throw new errors.ValidationError('Invalid run id');
  return id;
};

const found = <T>(value: T | null, what: string): T => {
  if (value === null) throw new errors.NotFoundError(`${what} not found`);
  return value;
};

export const createQueueController = ({ strapi }: { strapi: Core.Strapi }) => {
  const runs = () => getService(strapi, 'runs');
  const queue = () => getService(strapi, 'queue');
  return {
    /** GET /auto-alt-text/status */
    async status(ctx: Context) {
      const [state, coverage, latest] = await Promise.all([queue().getState(), queue().stats(), runs().list(1)]);
      const { keyHint: _hidden, ...visibleState } = state;
      ctx.body = { data: { queue: visibleState, coverage, latestRun: latest[0] ?? null } };
    },
    /** POST /auto-alt-text/queue/pause */
    async pauseQueue(ctx: Context) {
      await queue().pause('MANUAL', 'paused by an admin');
      const { keyHint: _hidden, ...state } = await queue().getState();
      ctx.body = { data: state };
    },
    /** POST /auto-alt-text/queue/resume */
    async resumeQueue(ctx: Context) {
      await queue().resume();
      const { keyHint: _hidden, ...state } = await queue().getState();
      ctx.body = { data: state };
    },
    /** POST /auto-alt-text/runs/estimate */
    async estimate(ctx: Context) {
      const body = parse(runSchema.pick({ scope: true, mode: true }), ctx.request.body);
      ctx.body = { data: await runs().estimate(body) };
    },
    /** POST /auto-alt-text/runs */
    async createRun(ctx: Context) {
      const body = parse(runSchema, ctx.request.body);
      const run = await runs().create({ ...body, createdBy: ctx.state?.user?.email });
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
      const query = ctx.query as Record<string, string | undefined>;
      const page = Number(query.page ?? 1);
      const pageSize = Number(query.pageSize ?? 20);
      const result = await queue().listFailures({ runId: query.runId ? Number(query.runId) : undefined, page, pageSize });
      const names = new Map(
        ((await strapi.db.query('plugin::upload.file').findMany({ select: ['id', 'name'], where: { id: { $in: result.rows.map((row) => row.fileId) } } })) as Array<{ id: number; name: string }>).map((file) => [file.id, file.name])
      );
      ctx.body = {
        data: {
          rows: result.rows.map((row) => ({
            jobId: row.id,
            fileId: row.fileId,
            fileName: names.get(row.fileId) ?? null,
            code: row.errorCode,
            message: row.errorMessage,
            strategy: row.strategy,
            attempts: row.attempts,
            at: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
          })),
          total: result.total,
          page: Math.max(1, page || 1),
          pageSize: Math.min(100, Math.max(1, pageSize || 20)),
        },
      };
    },
    /** POST /auto-alt-text/failures/retry */
    async retryFailures(ctx: Context) {
      ctx.body = { data: await queue().retryFailed(parse(retrySchema, ctx.request.body)) };
    },
  };
};
