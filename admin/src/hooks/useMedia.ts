import type { SetDecorative } from '../../../shared/contracts/decorative';
import type { GetMedia, RegenerateMedia, UpdateMediaAltText } from '../../../shared/contracts/media';
import { queryKeys } from '../utils/queryKeys';
import type { MediaFilter } from '../../../shared/vocabulary';
import { usePluginMutation, usePluginQuery } from './usePluginApi';

export type { MediaFilter } from '../../../shared/vocabulary';

export interface MediaParams {
  page: number;
  pageSize: number;
  filter: MediaFilter;
  search?: string;
  /** Whose text and source to show; absent: the default locale. */
  locale?: string;
}

const POLL_MS = 1500;

/**
 * The media list; refreshed while any shown image has work queued (and the queue is not paused),
 * so new alt texts appear.
 */
export const useMedia = (params: MediaParams, { poll = true }: { poll?: boolean } = {}) =>
  usePluginQuery<GetMedia.Response>(queryKeys.media(params), 'media', {
    params,
    keepPreviousData: true,
    refetchInterval: (page) => (poll && page?.rows.some((row) => row.queued) ? POLL_MS : false),
  });

/** Queues one image for a fresh alt text (overwrites), in `locale` or, without one, in every locale the plugin writes. */
export const useRegenerateMedia = () =>
  usePluginMutation<{ id: number } & RegenerateMedia.Request['body'], RegenerateMedia.Response>({
    method: 'post',
    path: ({ id }) => `media/${id}/regenerate`,
    body: ({ lang, locale }) => ({ lang, ...(locale ? { locale } : {}) }),
    // The queue now has work: the status query polls until it is done (or the queue pauses).
    invalidates: [queryKeys.mediaRoot, queryKeys.status],
  });

/** Saves a human edit (in `locale`, or the default locale); the text counts as human-written from then on. */
export const useUpdateAltText = () =>
  usePluginMutation<{ id: number } & UpdateMediaAltText.Request['body'], UpdateMediaAltText.Response>({
    method: 'put',
    path: ({ id }) => `media/${id}`,
    body: ({ alternativeText, locale }) => ({ alternativeText, ...(locale ? { locale } : {}) }),
    invalidates: [queryKeys.mediaRoot, queryKeys.entryImagesRoot, queryKeys.status],
  });

/** Marks an image decorative (alt="" in every locale, covered) or unmarks it / dismisses a suggestion. */
export const useSetDecorative = () =>
  usePluginMutation<{ id: number } & SetDecorative.Request['body'], SetDecorative.Response>({
    method: 'post',
    path: ({ id }) => `media/${id}/decorative`,
    body: ({ decorative }) => ({ decorative }),
    invalidates: [queryKeys.mediaRoot, queryKeys.entryImagesRoot, queryKeys.status],
  });
