import { useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQuery, useQueryClient } from 'react-query';
import type { GetSettings, UpdateSettings, VerifyKey } from '../../../shared/contracts/settings';
import { apiPath, queryKeys } from '../utils/api';

export const useSettings = () => {
  const { get } = useFetchClient();
  return useQuery(queryKeys.settings, async () => {
    const { data } = await get<GetSettings.Response>(apiPath('settings'));
    return data.data;
  });
};

export const useUpdateSettings = () => {
  const { put } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async (body: UpdateSettings.Request['body']) => {
      const { data } = await put<UpdateSettings.Response>(apiPath('settings'), body);
      return data.data;
    },
    {
      onSuccess: (settings) => {
        client.setQueryData(queryKeys.settings, settings);
        // A new key or provider changes what the dashboard reports.
        void client.invalidateQueries(queryKeys.credits);
        void client.invalidateQueries(queryKeys.status);
      },
    }
  );
};

/** Asks the provider whether a key works, with the form's unsaved values (the saved key when none is typed). */
export const useVerifyKey = () => {
  const { post } = useFetchClient();
  return useMutation(async (body: VerifyKey.Request['body']) => {
    const { data } = await post<VerifyKey.Response>(apiPath('settings/verify'), body);
    return data.data;
  });
};
