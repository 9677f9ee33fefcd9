import { isFetchError, useFetchClient } from '@strapi/strapi/admin';
import { useMutation, useQueryClient } from 'react-query';
import type { CsvExportScope, CsvRowError, ImportCsv } from '../../../shared/contracts/csv';
import type { GetLocales } from '../../../shared/contracts/locales';
import { PLUGIN_ID } from '../pluginId';
import { apiPath } from '../utils/apiPath';
import { queryKeys } from '../utils/queryKeys';
import { usePluginQuery } from './usePluginApi';

export interface CsvExportChoice {
  scope: CsvExportScope;
  folder: number | null;
  /** '' = every locale the plugin writes. */
  locale: string;
}

/** The locales for the export's select; a role without Read gets none (the export then covers all locales). */
export const useCsvLocales = () => usePluginQuery<GetLocales.Response>([PLUGIN_ID, 'locales'], 'locales', { retry: false });

const fileNameOf = ({ scope, folder, locale }: CsvExportChoice) =>
  `${['alt-text', scope, scope === 'folder' ? folder : null, locale || null, new Date().toISOString().slice(0, 10)].filter(Boolean).join('-')}.csv`;

/** GET csv/export as a Blob, saved by the browser under a name saying what it holds. */
export const useCsvExport = () => {
  const { get } = useFetchClient();
  return useMutation(async (choice: CsvExportChoice) => {
    const params = { scope: choice.scope, ...(choice.scope === 'folder' && choice.folder ? { folder: choice.folder } : {}), ...(choice.locale ? { locale: choice.locale } : {}) };
    const { data } = await get<Blob>(apiPath('csv/export'), { params, responseType: 'blob' });
    const url = URL.createObjectURL(data);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameOf(choice);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
};

/** The rows an import refused (HTTP 400, reason CSV_INVALID), or null for any other failure. */
export const csvErrorsOf = (error: unknown): { errors: CsvRowError[]; errorCount: number } | null => {
  if (!isFetchError(error)) return null;
  const details = error.response?.data?.error?.details as Partial<ImportCsv.ErrorDetails> | undefined;
  return details?.reason === 'CSV_INVALID' && details.errors ? { errors: details.errors, errorCount: details.errorCount ?? details.errors.length } : null;
};

/** POST csv/import with the file as multipart (field `files`); the media list and coverage change. */
export const useCsvImport = () => {
  const { post } = useFetchClient();
  const client = useQueryClient();
  return useMutation(
    async (file: File) => {
      const form = new FormData();
      form.append('files', file, file.name);
      const { data } = await post<ImportCsv.Response>(apiPath('csv/import'), form);
      return data.data;
    },
    {
      onSuccess: () => {
        void client.invalidateQueries(queryKeys.mediaRoot);
        void client.invalidateQueries(queryKeys.status);
      },
    }
  );
};
