import type { Core } from '@strapi/strapi';
import { createQualityChecker } from '../quality/listener';
import { recheckAll } from '../quality/recheck';
import { getService } from './get-service';

/** Quality flags: checking every current text again (the listener checks each change as it happens). */
export const createQualityService = ({ strapi }: { strapi: Core.Strapi }) => {
  const checker = createQualityChecker(strapi);
  return {
    /** Every image's text in every locale the plugin writes, checked again: offline, no credit. */
    async recheck(): Promise<{ checked: number; flagged: number }> {
      return recheckAll(strapi, checker, await getService(strapi, 'locales').set());
    },
  };
};
