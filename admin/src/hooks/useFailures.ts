import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import type { GetFailures, RetryFailures } from '../../../shared/contracts/queue';
import { apiPath, queryKeys } from '../utils/api';

export interface FailuresParams {
  runId?: number;
  page: number;
  pageSize: number;
}

export const useFailures = (params: FailuresParams) => {
  const { get } = useFetchClient();
  return useQuery(
    queryKeys.failures(params),
    async () => {
      const { data } = await get<GetFailures.Response>(apiPath('failures'), { params });
      return data.data;
    },
    { keepPreviousData: true }
  );
};

/** `{ jobIds }` retries those jobs, `{ runId }` a run's failures, `{}` every failure. */
export const useRetryFailures = () => {
  const { post } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async (body: RetryFailures.Request['body']) => {
      const { data } = await post<RetryFailures.Response>(apiPath('failures/retry'), body);
      return data.data;
    },
    {
      onSuccess: () => {
        void client.invalidateQueries(queryKeys.failuresRoot);
        void client.invalidateQueries(queryKeys.status);
        void client.invalidateQueries(queryKeys.mediaRoot);
      },
    }
  );
};
