import type { Core } from '@strapi/strapi';
import { DECORATIVE_UID, LOCALE_TEXT_UID, PROVENANCE_UID } from '../models';

/** Everything the plugin stored about a file (its texts in other locales, its provenance), for when the file is gone. */
export const forgetFile = async (strapi: Core.Strapi, fileId: number): Promise<void> => {
  await strapi.db.query(LOCALE_TEXT_UID).deleteMany({ where: { fileId } });
  await strapi.db.query(PROVENANCE_UID).deleteMany({ where: { fileId } });
  await strapi.db.query(DECORATIVE_UID).deleteMany({ where: { fileId } });
};
