import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import type { CreateRun, EstimateRun, GetRun, RunAction, RunView } from '../../../shared/contracts/runs';
import { apiPath, queryKeys } from '../utils/api';

const POLL_MS = 1000;

/** One bulk run; polled only while it is running, so an idle dashboard makes no requests. */
export const useRun = (id: number | null, initialData?: RunView) => {
  const { get } = useFetchClient();
  return useQuery(
    queryKeys.run(id ?? 0),
    async () => {
      const { data } = await get<GetRun.Response>(apiPath(`runs/${id}`));
      return data.data;
    },
    {
      enabled: id !== null,
      initialData: initialData && initialData.id === id ? initialData : undefined,
      refetchInterval: (run) => (run?.status === 'running' ? POLL_MS : false),
    }
  );
};

export const useEstimateRun = () => {
  const { post } = useFetchClient();
  return useMutation(async (body: EstimateRun.Request['body']) => {
    const { data } = await post<EstimateRun.Response>(apiPath('runs/estimate'), body);
    return data.data;
  });
};

export const useCreateRun = () => {
  const { post } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async (body: CreateRun.Request['body']) => {
      const { data } = await post<CreateRun.Response>(apiPath('runs'), body);
      return data.data;
    },
    {
      onSuccess: (run) => {
        client.setQueryData(queryKeys.run(run.id), run);
        void client.invalidateQueries(queryKeys.status);
      },
    }
  );
};

export type RunActionName = 'pause' | 'resume' | 'cancel' | 'retry-failed';

export const useRunAction = () => {
  const { post } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async ({ id, action }: { id: number; action: RunActionName }) => {
      const { data } = await post<RunAction.Response>(apiPath(`runs/${id}/${action}`));
      return data.data;
    },
    {
      onSuccess: (run) => {
        client.setQueryData(queryKeys.run(run.id), run);
        void client.invalidateQueries(queryKeys.status);
        void client.invalidateQueries(queryKeys.failuresRoot);
      },
    }
  );
};
