import type { GetFolders } from '../../../shared/contracts/folders';
import { queryKeys } from '../utils/queryKeys';
import { usePluginQuery } from './usePluginApi';

/** The Media Library's folders by name and path (read when a folder is to be chosen). */
export const useFolders = ({ enabled }: { enabled: boolean }) =>
  usePluginQuery<GetFolders.Response>(queryKeys.folders, 'folders', { enabled, staleTime: 30_000 });
