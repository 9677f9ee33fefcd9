import type { Core } from '@strapi/strapi';
import type { FolderView } from '../../../shared/contracts/folders';
import { tableOf } from '../models';
import { FILE_UID, FOLDER_UID } from '../utils/plugin-id';

interface FolderRow {
  id: number;
  name: string;
  /** Strapi's path of folder ids ("/1/4"), which file rows carry as `folderPath`. */
  path: string;
}

/**
 * The Media Library's folders by name, so the admin offers "Products / Shoes" where it asked for an
 * id. Two statements whatever the tree: the folders, and the images per folder path.
 */
export const createFoldersService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(): Promise<FolderView[]> {
    const rows = (await strapi.db.query(FOLDER_UID).findMany({ select: ['id', 'name', 'path'] })) as FolderRow[];
    if (rows.length === 0) return [];
    const byPathId = new Map(rows.map((row) => [row.path.split('/').filter(Boolean).pop() ?? '', row]));
    const namesOf = (row: FolderRow) => row.path.split('/').filter(Boolean).map((pathId) => byPathId.get(pathId)?.name ?? '?');
    const files = tableOf(strapi, FILE_UID);
    const counts = (await strapi.db
      .connection(files.name)
      .select({ folderPath: files.column('folderPath') })
      .count({ images: '*' })
      .where(files.column('mime'), 'like', 'image/%')
      .groupBy(files.column('folderPath'))) as Array<{ folderPath: string | null; images: number | string }>;
    const imagesIn = (path: string) =>
      counts.filter(({ folderPath }) => folderPath === path || folderPath?.startsWith(`${path}/`)).reduce((sum, count) => sum + Number(count.images), 0);
    return rows
      .map((row) => ({ id: row.id, name: row.name, names: namesOf(row), images: imagesIn(row.path) }))
      .sort((a, b) => a.names.join('\u0000').localeCompare(b.names.join('\u0000')))
      .map(({ names, ...folder }) => ({ ...folder, path: names.join(' / ') }));
  },
});
