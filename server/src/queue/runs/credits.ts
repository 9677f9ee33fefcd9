import type { Core } from '@strapi/strapi';
import { knexNow, RUN_UID, tableOf } from '../../models';

/**
 * A run's credits, counted on its row as its jobs' paid calls take them (+1) or get them back (-1):
 * one `UPDATE … SET credits = credits + ?` that reads nothing first, so replicas count side by side.
 * A run older than the count (credits null) stays unknown rather than showing a partial sum.
 */
export const createRunCredits = (strapi: Core.Strapi) => async (runId: number, delta: 1 | -1): Promise<void> => {
  const table = tableOf(strapi, RUN_UID);
  const credits = table.column('credits');
  const knex = await knexNow(strapi);
  const query = knex(table.name).where(table.column('id'), runId).whereNotNull(credits);
  if (delta < 0) query.andWhere(credits, '>=', -delta);
  await query.update({ [credits]: knex.raw('?? + ?', [credits, delta]) });
};
