import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import type { GetStatus, SetQueueState } from '../../../shared/contracts/queue';
import type { GetCredits } from '../../../shared/contracts/settings';
import { apiPath, queryKeys } from '../utils/api';

const POLL_MS = 2000;

/** Work is waiting and the queue is not paused: coverage and queue state are about to change. */
const isBusy = (status: GetStatus.Response['data'] | undefined) =>
  !!status && !status.queue.paused && status.coverage.jobs.pending + status.coverage.jobs.running > 0;

/** Coverage, queue state and the latest run; polled only while the queue has work in hand. */
export const useStatus = () => {
  const { get } = useFetchClient();
  return useQuery(
    queryKeys.status,
    async () => {
      const { data } = await get<GetStatus.Response>(apiPath('status'));
      return data.data;
    },
    { refetchInterval: (status) => (isBusy(status) ? POLL_MS : false) }
  );
};

export const useCredits = () => {
  const { get } = useFetchClient();
  return useQuery(queryKeys.credits, async () => {
    const { data } = await get<GetCredits.Response>(apiPath('credits'));
    return data.data;
  });
};

/** Pauses or resumes the whole queue (every run and every upload job). */
export const useQueueAction = () => {
  const { post } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async (action: 'pause' | 'resume') => {
      const { data } = await post<SetQueueState.Response>(apiPath(`queue/${action}`));
      return data.data;
    },
    { onSuccess: () => void client.invalidateQueries(queryKeys.status) }
  );
};
