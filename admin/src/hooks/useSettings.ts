import type { GetSettings, UpdateSettings, VerifyKey } from '../../../shared/contracts/settings';
import { queryKeys } from '../utils/queryKeys';
import { usePluginMutation, usePluginQuery } from './usePluginApi';

export const useSettings = () => usePluginQuery<GetSettings.Response>(queryKeys.settings, 'settings');

export const useUpdateSettings = () =>
  usePluginMutation<UpdateSettings.Request['body'], UpdateSettings.Response>({
    method: 'put',
    path: 'settings',
    update: (client, settings) => client.setQueryData(queryKeys.settings, settings),
    // A new key or provider changes what the dashboard reports.
    invalidates: [queryKeys.credits, queryKeys.status],
  });

/** Asks the provider whether a key works, with the form's unsaved values (the saved key when none is typed). */
export const useVerifyKey = () => usePluginMutation<VerifyKey.Request['body'], VerifyKey.Response>({ method: 'post', path: 'settings/verify' });
