import type { EntryRefView, GenerateEntryImages, GetEntryImages } from '../../../shared/contracts/entries';
import { queryKeys } from '../utils/queryKeys';
import { usePluginMutation, usePluginQuery } from './usePluginApi';

const POLL_MS = 1500;

/**
 * The images the saved entry uses. `savedAt` (the entry's `updatedAt`) is part of the key: a save
 * in the editor fetches them again. Polled only while one of them has work queued, so a generated
 * text appears.
 */
export const useEntryImages = (entry: EntryRefView, savedAt: string | null) =>
  usePluginQuery<GetEntryImages.Response>(queryKeys.entryImages({ ...entry, savedAt }), 'entries/images', {
    params: { model: entry.model, documentId: entry.documentId, ...(entry.locale ? { locale: entry.locale } : {}) },
    keepPreviousData: true,
    refetchInterval: (data) => (data?.images.some((image) => image.queued) ? POLL_MS : false),
  });

/** Describes the entry's images with its context: `fileIds` replace those images' text; none, every text missing or the plugin's. */
export const useGenerateEntryImages = () =>
  usePluginMutation<GenerateEntryImages.Request['body'], GenerateEntryImages.Response>({
    method: 'post',
    path: 'entries/images/generate',
    invalidates: [queryKeys.entryImagesRoot, queryKeys.mediaRoot, queryKeys.status],
  });
