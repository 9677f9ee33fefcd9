import { PERMISSIONS } from '../../shared/permissions';

/** `useRBAC` / `Page.Protect` inputs; plugin actions have no subject. */
const permission = (action: string) => [{ action, subject: null }];

export const RBAC = {
  read: permission(PERMISSIONS.read),
  settings: permission(PERMISSIONS.settings),
  generate: permission(PERMISSIONS.generate),
  bulk: permission(PERMISSIONS.bulk),
};

/** Every plugin action at once: useRBAC derives `canRead`, `canSettings`, `canGenerate`, `canBulk`. */
export const ALL_ACTIONS = [...RBAC.read, ...RBAC.settings, ...RBAC.generate, ...RBAC.bulk];
