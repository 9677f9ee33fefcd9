/** RBAC action uids registered by the plugin (bootstrap) and checked by every admin route. */
export const PERMISSIONS = {
  read: 'plugin::auto-alt-text.read',
  settings: 'plugin::auto-alt-text.settings',
  generate: 'plugin::auto-alt-text.generate',
  bulk: 'plugin::auto-alt-text.bulk',
} as const;
