import { useRBAC } from '@strapi/strapi/admin';
import { ALL_ACTIONS } from '../permissions';

export interface PluginPermissions {
  isLoading: boolean;
  canRead: boolean;
  canSettings: boolean;
  canGenerate: boolean;
  canBulk: boolean;
}

/** What the signed-in admin may do here; buttons for anything else are not rendered. */
export const usePluginPermissions = (): PluginPermissions => {
  // useRBAC names each result after the action's last segment: `…bulk` → `canBulk`.
  const { allowedActions, isLoading } = useRBAC(ALL_ACTIONS);
  return {
    isLoading,
    canRead: !!allowedActions.canRead,
    canSettings: !!allowedActions.canSettings,
    canGenerate: !!allowedActions.canGenerate,
    canBulk: !!allowedActions.canBulk,
  };
};
