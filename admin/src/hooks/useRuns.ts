import { useFetchClient } from '@strapi/strapi/admin';
import { useQuery, type QueryClient } from 'react-query';
import type { CreateRun, EstimateRun, GetRun, GetRuns, RunAction, RunView } from '../../../shared/contracts/runs';
import { apiPath } from '../utils/apiPath';
import { queryKeys } from '../utils/queryKeys';
import { usePluginMutation, usePluginQuery } from './usePluginApi';

const POLL_MS = 1000;

/** One bulk run; polled only while it is running, so an idle dashboard makes no requests. */
export const useRun = (id: number | null, initialData?: RunView) =>
  usePluginQuery<GetRun.Response>(queryKeys.run(id ?? 0), `runs/${id}`, {
    enabled: id !== null,
    initialData: initialData && initialData.id === id ? initialData : undefined,
    refetchInterval: (run) => (run?.status === 'running' ? POLL_MS : false),
  });

const HISTORY_POLL_MS = 5000;

/** A page of the run history (its rows and `meta.pagination`); refreshed every few seconds while one of its runs is running. */
export const useRunHistory = (params: { page: number; pageSize: number }) => {
  const { get } = useFetchClient();
  return useQuery(
    queryKeys.runHistory(params),
    async () => (await get<GetRuns.Response>(apiPath('runs'), { params })).data,
    { keepPreviousData: true, refetchInterval: (answer) => (answer?.data.some((run) => run.status === 'running') ? HISTORY_POLL_MS : false) }
  );
};

export const useEstimateRun = () => usePluginMutation<EstimateRun.Request['body'], EstimateRun.Response>({ method: 'post', path: 'runs/estimate' });

/** Every answer about a run is the run itself: it becomes that run's cached state. */
const cacheRun = (client: QueryClient, run: RunView) => client.setQueryData(queryKeys.run(run.id), run);

export const useCreateRun = () =>
  usePluginMutation<CreateRun.Request['body'], CreateRun.Response>({
    method: 'post',
    path: 'runs',
    update: cacheRun,
    invalidates: [queryKeys.status, queryKeys.runHistoryRoot],
  });

export type RunActionName = 'pause' | 'resume' | 'cancel' | 'retry-failed';

export const useRunAction = () =>
  usePluginMutation<{ id: number; action: RunActionName }, RunAction.Response>({
    method: 'post',
    path: ({ id, action }) => `runs/${id}/${action}`,
    body: () => undefined,
    update: cacheRun,
    invalidates: [queryKeys.status, queryKeys.failuresRoot, queryKeys.runHistoryRoot],
  });
