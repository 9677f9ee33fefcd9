import type { Core } from '@strapi/strapi';
import { DECORATIVE_UID, LOCALE_TEXT_UID, PROVENANCE_UID, QUALITY_UID, SUGGESTION_UID, VERSION_UID } from '../models';

/** Everything the plugin stored about a file (its texts in other locales, its provenance, its history, its pending suggestions, its quality results), for when the file is gone. */
export const forgetFile = async (strapi: Core.Strapi, fileId: number): Promise<void> => {
  await strapi.db.query(LOCALE_TEXT_UID).deleteMany({ where: { fileId } });
  await strapi.db.query(PROVENANCE_UID).deleteMany({ where: { fileId } });
  await strapi.db.query(VERSION_UID).deleteMany({ where: { fileId } });
  await strapi.db.query(SUGGESTION_UID).deleteMany({ where: { fileId } });
  await strapi.db.query(QUALITY_UID).deleteMany({ where: { fileId } });
  await strapi.db.query(DECORATIVE_UID).deleteMany({ where: { fileId } });
};
