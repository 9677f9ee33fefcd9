import type { Core } from '@strapi/strapi';
import type { GetRuns, RunHistoryItem } from '../../../../shared/contracts/runs';
import type { JobStatus } from '../../../../shared/vocabulary';
import { RUN_UID } from '../../models';
import { scopeNamesOf } from './scope-names';
import { startersOf } from './started-by';
import type { RunRow } from './types';
import { runView } from './view';

/** Without a query, GET /runs answers as before it was paged: the 20 latest runs. */
export const RUN_HISTORY_PAGE_SIZE = 20;

/**
 * A page of the run history, newest first. Per page: the runs (one statement) and their number, who
 * started them (one), the folders named (two at most); each ended run's counts are those kept on its
 * row, only the open ones (a few) are counted — never a scan of the jobs per row.
 */
export const runHistory = async (
  strapi: Core.Strapi,
  options: { page?: number; pageSize?: number },
  countsFor: (run: RunRow) => Promise<Record<JobStatus, number>>
): Promise<{ rows: RunHistoryItem[]; pagination: GetRuns.Response['meta']['pagination'] }> => {
  const { page = 1, pageSize = RUN_HISTORY_PAGE_SIZE } = options;
  const runs = strapi.db.query(RUN_UID);
  const [rows, total] = await Promise.all([
    runs.findMany({ orderBy: [{ id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize }) as Promise<RunRow[]>,
    runs.count(),
  ]);
  const [views, starters, names] = await Promise.all([
    Promise.all(rows.map(async (run) => runView(run, await countsFor(run)))),
    startersOf(strapi, rows.map((run) => run.createdBy)),
    scopeNamesOf(strapi, rows.map((run) => run.scope)),
  ]);
  return {
    rows: views.map((view, index) => ({ ...view, startedBy: starters[index], scopeNames: names[index] })),
    pagination: { page, pageSize, total: Number(total), pageCount: Math.ceil(Number(total) / pageSize) },
  };
};
