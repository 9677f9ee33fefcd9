import type { Core } from '@strapi/strapi';
import { SIGNED_IMAGE_PATH } from '../utils/plugin-id';

/**
 * Public routes, under `/api/auto-alt-text`. The image route needs no login because its query is
 * the credential: an HMAC over file id, variant and expiry (see image-source/url-signer.ts).
 */
export default {
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: SIGNED_IMAGE_PATH,
      handler: 'signed-image.serve',
      config: { auth: false, policies: [] },
    },
  ],
} satisfies Core.RouterInput;
