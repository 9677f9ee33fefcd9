import type { ApproveSuggestion, ApproveSuggestions, GetReview, RejectSuggestion } from '../../../shared/contracts/review';
import { queryKeys } from '../utils/queryKeys';
import { usePluginMutation, usePluginQuery } from './usePluginApi';

export interface ReviewParams {
  page: number;
  pageSize: number;
  /** Absent: the default locale. */
  locale?: string;
}

/** The suggestions awaiting review in one locale (with every locale's count). */
export const useReview = (params: ReviewParams) => usePluginQuery<GetReview.Response>(queryKeys.review(params), 'review', { params, keepPreviousData: true });

// A decision changes the image's text (media list, coverage) and the review list itself.
const CHANGED = [queryKeys.reviewRoot, queryKeys.mediaRoot, queryKeys.status];

/** Approves one suggestion: as it is (no `text`), or as the editor edited it. */
export const useApproveSuggestion = () =>
  usePluginMutation<{ id: number } & ApproveSuggestion.Request['body'], ApproveSuggestion.Response>({
    method: 'post',
    path: ({ id }) => `review/${id}/approve`,
    body: ({ text }) => (text === undefined ? {} : { text }),
    invalidates: CHANGED,
  });

/** Drops one suggestion; `regenerate` asks the provider again (one credit, a new suggestion). */
export const useRejectSuggestion = () =>
  usePluginMutation<{ id: number } & RejectSuggestion.Request['body'], RejectSuggestion.Response>({
    method: 'post',
    path: ({ id }) => `review/${id}/reject`,
    body: ({ regenerate }) => ({ regenerate: regenerate ?? false }),
    invalidates: CHANGED,
  });

/** Approves the suggestions on screen as they are. */
export const useApproveSuggestions = () =>
  usePluginMutation<ApproveSuggestions.Request['body'], ApproveSuggestions.Response>({ method: 'post', path: 'review/approve', invalidates: CHANGED });
