import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation } from 'react-query';
import type { GetHistory, RevertVersion } from '../../../shared/contracts/history';
import { apiPath } from '../utils/apiPath';
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

/** The earlier text is no longer among the image's versions (pruned, or the image changed since). */
export class UndoUnavailableError extends Error {
  constructor() {
    super('The earlier text is no longer in the history');
    this.name = 'UndoUnavailableError';
  }
}

/**
 * Undoes a replace: the newest earlier version holding `previousText` becomes the text again (a
 * `reverted` version, as History's Revert makes it). No provider call.
 */
export const useUndoReplace = () => {
  const { get } = useFetchClient();
  const revert = useRevertVersion();
  return useMutation(async ({ id, locale, previousText }: { id: number; locale: string | null; previousText: string }) => {
    const { data } = await get<GetHistory.Response>(apiPath(`media/${id}/history`), { params: { pageSize: 50, ...(locale ? { locale } : {}) } });
    const earlier = data.data.rows.find((version) => !version.current && version.text === previousText);
    if (!earlier) throw new UndoUnavailableError();
    return revert.mutateAsync({ id, versionId: earlier.id });
  });
};
