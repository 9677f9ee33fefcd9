import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import type { AltTextSource, GetMedia, RegenerateMedia, UpdateMediaAltText } from '../../../shared/contracts/media';
import { apiPath, queryKeys } from '../utils/api';

export type MediaFilter = 'all' | AltTextSource;

export interface MediaParams {
  page: number;
  pageSize: number;
  filter: MediaFilter;
  search?: string;
}

const POLL_MS = 1500;

/**
 * The media list; refreshed while any shown image has work queued (and the queue is not paused),
 * so new alt texts appear.
 */
export const useMedia = (params: MediaParams, { poll = true }: { poll?: boolean } = {}) => {
  const { get } = useFetchClient();
  return useQuery(
    queryKeys.media(params),
    async () => {
      const { data } = await get<GetMedia.Response>(apiPath('media'), { params });
      return data.data;
    },
    {
      keepPreviousData: true,
      refetchInterval: (page) => (poll && page?.rows.some((row) => row.queued) ? POLL_MS : false),
    }
  );
};

/** Queues one image for a fresh alt text (overwrites). */
export const useRegenerateMedia = () => {
  const { post } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async ({ id, lang }: { id: number } & RegenerateMedia.Request['body']) => {
      const { data } = await post<RegenerateMedia.Response>(apiPath(`media/${id}/regenerate`), { lang });
      return data.data;
    },
    {
      onSuccess: () => {
        void client.invalidateQueries(queryKeys.mediaRoot);
        // The queue now has work: the status query polls until it is done (or the queue pauses).
        void client.invalidateQueries(queryKeys.status);
      },
    }
  );
};

/** Saves a human edit; the text counts as human-written from then on. */
export const useUpdateAltText = () => {
  const { put } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async ({ id, alternativeText }: { id: number } & UpdateMediaAltText.Request['body']) => {
      const { data } = await put<UpdateMediaAltText.Response>(apiPath(`media/${id}`), { alternativeText });
      return data.data;
    },
    {
      onSuccess: () => {
        void client.invalidateQueries(queryKeys.mediaRoot);
        void client.invalidateQueries(queryKeys.status);
      },
    }
  );
};
