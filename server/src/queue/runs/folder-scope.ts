import type { Core } from '@strapi/strapi';
import type { RunScope } from '../../../../shared/contracts/runs';
import { invalidRequest } from '../../errors/field-errors';
import { FOLDER_UID } from '../../utils/plugin-id';

/**
 * A folder run names a Media Library folder by id: one that does not exist is the request's fault
 * (a 400 at `scope.folderId`), said before an estimate is counted or a run is created — not a 500
 * from the first page, nor a run that never starts.
 */
export const assertFolderExists = async (strapi: Core.Strapi, scope: RunScope): Promise<void> => {
  if (scope.kind !== 'folder') return;
  const folder = await strapi.db.query(FOLDER_UID).findOne({ where: { id: scope.folderId }, select: ['id'] });
  if (!folder) throw invalidRequest([{ path: ['scope', 'folderId'], message: `no Media Library folder with id ${scope.folderId}` }]);
};
