import type { Core } from '@strapi/strapi';
import { CSV_COLUMNS, type CsvExportScope } from '../../../shared/contracts/csv';
import { createLocaleStates, type AltTextFileRow } from '../alt-text/locale-state';
import type { LocaleSet } from '../config/locales';
import { BOM, csvRow, guardFormula } from '../csv';
import { invalidRequest } from '../errors/field-errors';
import { FILE_UID, FOLDER_UID } from '../utils/plugin-id';
import { CSV_BATCH } from './csv-import';


export interface CsvExportOptions {
  scope?: CsvExportScope;
  /** With `scope: 'folder'`: the Media Library folder's id (its subfolders are included). */
  folder?: number;
  /** One locale; none = every locale the plugin writes. */
  locale?: string;
}

/**
 * An export as text pieces: a BOM and the header, then one piece per batch of images, paged by id
 * so any library is written with the memory of one batch. Nothing is read before the first piece
 * is asked for, except what can make the request wrong (an unknown folder).
 */
export const createCsvExporter = (strapi: Core.Strapi) => {
  const states = createLocaleStates(strapi);

  const folderWhere = async (options: CsvExportOptions) => {
    if (options.scope !== 'folder') return {};
    if (!options.folder) throw invalidRequest([{ path: ['folder'], message: 'is required with scope=folder' }]);
    const folder = (await strapi.db.query(FOLDER_UID).findOne({ where: { id: options.folder }, select: ['id', 'path'] })) as { path: string } | null;
    if (!folder) throw invalidRequest([{ path: ['folder'], message: `no Media Library folder with id ${options.folder}` }]);
    return { $or: [{ folderPath: folder.path }, { folderPath: { $startsWith: `${folder.path}/` } }] };
  };

  return {
    async prepare(options: CsvExportOptions, locales: LocaleSet): Promise<AsyncIterable<string>> {
      const where = await folderWhere(options);
      const wanted = options.locale ? [options.locale] : locales.all;
      const missingOnly = options.scope === 'missing';
      return (async function* rows() {
        yield BOM + csvRow(CSV_COLUMNS);
        let after = 0;
        for (;;) {
          const files = (await strapi.db.query(FILE_UID).findMany({
            where: { ...where, id: { $gt: after }, mime: { $startsWith: 'image/' } },
            select: ['id', 'name', 'alternativeText'],
            orderBy: { id: 'asc' },
            limit: CSV_BATCH,
          })) as AltTextFileRow[];
          if (files.length === 0) return;
          after = files[files.length - 1].id;
          const byFile = await states.of(files, locales);
          let piece = '';
          for (const file of files) {
            for (const locale of wanted) {
              const state = byFile.get(file.id)?.get(locale);
              if (!state || (missingOnly && state.source !== 'missing')) continue;
              piece += csvRow([file.id, guardFormula(file.name), locale, guardFormula(state.text ?? ''), state.source]);
            }
          }
          if (piece) yield piece;
        }
      })();
    },
  };
};
