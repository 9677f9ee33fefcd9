import { PLUGIN_ID } from '../pluginId';

/** Query keys, one root per resource so a mutation can invalidate exactly what it changed. */
export const queryKeys = {
  all: [PLUGIN_ID] as const,
  settings: [PLUGIN_ID, 'settings'] as const,
  status: [PLUGIN_ID, 'status'] as const,
  credits: [PLUGIN_ID, 'credits'] as const,
  locales: [PLUGIN_ID, 'locales'] as const,
  folders: [PLUGIN_ID, 'folders'] as const,
  run: (id: number) => [PLUGIN_ID, 'runs', id] as const,
  runHistory: (params: object) => [PLUGIN_ID, 'run-history', params] as const,
  runHistoryRoot: [PLUGIN_ID, 'run-history'] as const,
  failures: (params: object) => [PLUGIN_ID, 'failures', params] as const,
  failuresRoot: [PLUGIN_ID, 'failures'] as const,
  media: (params: object) => [PLUGIN_ID, 'media', params] as const,
  mediaRoot: [PLUGIN_ID, 'media'] as const,
  entryImages: (entry: object) => [PLUGIN_ID, 'entry-images', entry] as const,
  entryImagesRoot: [PLUGIN_ID, 'entry-images'] as const,
  history: (id: number, locale: string | null) => [PLUGIN_ID, 'history', id, locale] as const,
  historyRoot: [PLUGIN_ID, 'history'] as const,
  review: (params: object) => [PLUGIN_ID, 'review', params] as const,
  reviewRoot: [PLUGIN_ID, 'review'] as const,
  spending: (days: number) => [PLUGIN_ID, 'spending', days] as const,
};
