export const PLUGIN_ID = 'auto-alt-text';
export const FILE_UID = 'plugin::upload.file';
/** Strapi's Media Library folders. */
export const FOLDER_UID = 'plugin::upload.folder';

/** The plugin-signed image route, under the content-API prefix (`/api` by default): `/api/auto-alt-text/image`. */
export const SIGNED_IMAGE_PATH = '/image';
export const SIGNED_IMAGE_ROUTE = `/${PLUGIN_ID}${SIGNED_IMAGE_PATH}`;
