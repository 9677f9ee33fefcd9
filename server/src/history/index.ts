import type { Core } from '@strapi/strapi';
import { onAltTextChanges } from '../alt-text/changes';
import { readConfig } from '../config/read';
import { createVersionStore } from './versions';

export { createVersionStore, type VersionRow, type VersionStore } from './versions';

const DAY_MS = 24 * 60 * 60 * 1000;

/** At register time: every alt-text change the plugin announces is kept as a version (a CSV chunk in one insert). */
export const recordHistory = (strapi: Core.Strapi): void => {
  const versions = createVersionStore(strapi);
  onAltTextChanges(strapi, (changes) => versions.record(changes));
};

/** Versions older than `historyRetentionDays` (0: kept forever), never the newest of a (file, locale). */
export const pruneHistory = async (strapi: Core.Strapi): Promise<number> => {
  const days = readConfig(strapi).historyRetentionDays;
  if (days === 0) return 0;
  return createVersionStore(strapi).prune(new Date(Date.now() - days * DAY_MS));
};
