import type { GetHistory, RevertVersion } from '../../../shared/contracts/history';
import { queryKeys } from '../utils/queryKeys';
import { usePluginMutation, usePluginQuery } from './usePluginApi';

/** One image's versions in `locale` (the default locale when null), newest first. */
export const useHistory = (id: number, locale: string | null) =>
  usePluginQuery<GetHistory.Response>(queryKeys.history(id, locale), `media/${id}/history`, { params: { pageSize: 50, ...(locale ? { locale } : {}) } });

/** Restores one version's text as a person's choice; the list, the entry panel and coverage change with it. */
export const useRevertVersion = () =>
  usePluginMutation<{ id: number } & RevertVersion.Request['body'], RevertVersion.Response>({
    method: 'post',
    path: ({ id }) => `media/${id}/revert`,
    body: ({ versionId }) => ({ versionId }),
    invalidates: [queryKeys.historyRoot, queryKeys.mediaRoot, queryKeys.entryImagesRoot, queryKeys.status],
  });
