export const PLUGIN_ID = 'auto-alt-text';
