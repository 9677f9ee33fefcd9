import type { Core } from '@strapi/strapi';
import type { RunHistoryItem, RunScope } from '../../../../shared/contracts/runs';
import { FOLDER_UID } from '../../utils/plugin-id';

type ScopeNames = RunHistoryItem['scopeNames'];

interface FolderRow {
  id: number;
  pathId: number;
  name: string;
  /** Strapi's path of folder path ids ("/1/4"). */
  path: string;
}

/**
 * Folder paths of a page of folder runs, named as the folder picker names them ("Photos / 2024"):
 * two statements for the whole page — the folders, then every folder on their paths — not the tree.
 */
const folderPaths = async (strapi: Core.Strapi, folderIds: number[]): Promise<Map<number, string>> => {
  if (folderIds.length === 0) return new Map();
  const folders = (await strapi.db.query(FOLDER_UID).findMany({ select: ['id', 'path'], where: { id: { $in: folderIds } } })) as FolderRow[];
  const pathIdsOf = (folder: FolderRow) => folder.path.split('/').filter(Boolean).map(Number);
  const onPaths = [...new Set(folders.flatMap(pathIdsOf))];
  const named = onPaths.length === 0 ? [] : ((await strapi.db.query(FOLDER_UID).findMany({ select: ['pathId', 'name'], where: { pathId: { $in: onPaths } } })) as FolderRow[]);
  const nameOf = new Map(named.map((folder) => [Number(folder.pathId), folder.name]));
  return new Map(folders.map((folder) => [folder.id, pathIdsOf(folder).map((pathId) => nameOf.get(pathId) ?? '?').join(' / ')]));
};

/** A content type by the name the Content Manager shows (its uid when the type is gone). */
const contentTypeName = (strapi: Core.Strapi, uid: string): string =>
  (strapi.contentTypes as unknown as Record<string, { info?: { displayName?: string } } | undefined>)[uid]?.info?.displayName ?? uid;

/** Names for the ids in a page of runs' scopes, so the admin can say "Folder Photos / 2024" and "3 entries of Article". */
export const scopeNamesOf = async (strapi: Core.Strapi, scopes: RunScope[]): Promise<Array<ScopeNames>> => {
  const paths = await folderPaths(strapi, [...new Set(scopes.flatMap((scope) => (scope.kind === 'folder' ? [scope.folderId] : [])))]);
  return scopes.map((scope) => {
    if (scope.kind === 'folder') return { folderPath: paths.get(scope.folderId) ?? null };
    if (scope.kind === 'entries') return { contentType: contentTypeName(strapi, scope.model) };
    return {};
  });
};
