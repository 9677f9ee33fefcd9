import type { GetStatus, SetQueueState } from '../../../shared/contracts/queue';
import type { GetCredits } from '../../../shared/contracts/settings';
import { queryKeys } from '../utils/queryKeys';
import { usePluginMutation, usePluginQuery } from './usePluginApi';

const POLL_MS = 2000;

/** Work is waiting and the queue is not paused: coverage and queue state are about to change. */
const isBusy = (status: GetStatus.Response['data'] | undefined) =>
  !!status && !status.queue.paused && status.coverage.jobs.pending + status.coverage.jobs.running > 0;

/** Coverage, queue state and the latest run; polled only while the queue has work in hand. */
export const useStatus = () =>
  usePluginQuery<GetStatus.Response>(queryKeys.status, 'status', { refetchInterval: (status) => (isBusy(status) ? POLL_MS : false) });

export const useCredits = () => usePluginQuery<GetCredits.Response>(queryKeys.credits, 'credits');

/** Pauses or resumes the whole queue (every run and every upload job). */
export const useQueueAction = () =>
  usePluginMutation<'pause' | 'resume', SetQueueState.Response>({
    method: 'post',
    path: (action) => `queue/${action}`,
    body: () => undefined,
    invalidates: [queryKeys.status],
  });
