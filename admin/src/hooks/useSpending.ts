import type { GetSpending } from '../../../shared/contracts/spending';
import { queryKeys } from '../utils/queryKeys';
import { usePluginQuery } from './usePluginApi';

const POLL_MS = 5000;

/** Credits, calls and cache hits per day for the last `days` days, and the budget; polled only while the queue works. */
export const useSpending = (days: number, busy: boolean) =>
  usePluginQuery<GetSpending.Response>(queryKeys.spending(days), 'spending', { params: { days: String(days) }, refetchInterval: busy ? POLL_MS : false });
