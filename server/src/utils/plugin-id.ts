export const PLUGIN_ID = 'auto-alt-text';
export const FILE_UID = 'plugin::upload.file';
