import type { Core } from '@strapi/strapi';
import type { FolderView } from '../../../shared/contracts/folders';
import { tableOf } from '../models';
import { createLoggedCountSnapshots, SNAPSHOT_FROM_ROWS } from '../utils/count-snapshots';
import { FILE_UID, FOLDER_UID, PLUGIN_ID } from '../utils/plugin-id';

interface FolderRow {
  id: number;
  name: string;
  /** Strapi's path of folder ids ("/1/4"), which file rows carry as `folderPath`. */
  path: string;
}

type ImagesPerFolderPath = Array<{ folderPath: string | null; images: number | string }>;

/**
 * The Media Library's folders by name, so the admin offers "Products / Shoes" where it asked for an
 * id. Two statements whatever the tree: the folders, and the images per folder path. The second reads
 * every file: from SNAPSHOT_FROM_ROWS images on it is a snapshot recounted in the background, as the
 * status counts are (a new folder shows 0 images until then).
 */
export const createFoldersService = ({ strapi }: { strapi: Core.Strapi }) => {
  const snapshots = createLoggedCountSnapshots(strapi.log, PLUGIN_ID);
  const countImagesPerFolderPath = async (): Promise<ImagesPerFolderPath> => {
    const files = tableOf(strapi, FILE_UID);
    return (await strapi.db
      .connection(files.name)
      .select({ folderPath: files.column('folderPath') })
      .count({ images: '*' })
      .where(files.column('mime'), 'like', 'image/%')
      .groupBy(files.column('folderPath'))) as ImagesPerFolderPath;
  };
  const imagesCounted = (counts: ImagesPerFolderPath) => counts.reduce((sum, count) => sum + Number(count.images), 0);

  return {
    async list(): Promise<FolderView[]> {
      const rows = (await strapi.db.query(FOLDER_UID).findMany({ select: ['id', 'name', 'path'] })) as FolderRow[];
      if (rows.length === 0) return [];
      const byPathId = new Map(rows.map((row) => [row.path.split('/').filter(Boolean).pop() ?? '', row]));
      const namesOf = (row: FolderRow) => row.path.split('/').filter(Boolean).map((pathId) => byPathId.get(pathId)?.name ?? '?');
      const counts = (await snapshots.read('images-per-folder', countImagesPerFolderPath, (value) => imagesCounted(value) >= SNAPSHOT_FROM_ROWS)).value;
      const imagesIn = (path: string) =>
        imagesCounted(counts.filter(({ folderPath }) => folderPath === path || folderPath?.startsWith(`${path}/`)));
      return rows
        .map((row) => ({ id: row.id, name: row.name, names: namesOf(row), images: imagesIn(row.path) }))
        .sort((a, b) => a.names.join('\u0000').localeCompare(b.names.join('\u0000')))
        .map(({ names, ...folder }) => ({ ...folder, path: names.join(' / ') }));
    },
  };
};
