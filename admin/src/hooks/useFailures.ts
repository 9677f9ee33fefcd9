import type { GetFailures, RetryFailures } from '../../../shared/contracts/queue';
import { queryKeys } from '../utils/queryKeys';
import { usePluginMutation, usePluginQuery } from './usePluginApi';

export interface FailuresParams {
  runId?: number;
  page: number;
  pageSize: number;
}

export const useFailures = (params: FailuresParams) =>
  usePluginQuery<GetFailures.Response>(queryKeys.failures(params), 'failures', { params, keepPreviousData: true });

/** `{ jobIds }` retries those jobs, `{ runId }` a run's failures, `{}` every failure. */
export const useRetryFailures = () =>
  usePluginMutation<RetryFailures.Request['body'], RetryFailures.Response>({
    method: 'post',
    path: 'failures/retry',
    invalidates: [queryKeys.failuresRoot, queryKeys.status, queryKeys.mediaRoot],
  });
