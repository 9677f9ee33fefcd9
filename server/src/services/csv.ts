import type { Core } from '@strapi/strapi';
import type { AltTextActor } from '../alt-text/changes';
import { createCsvExporter, type CsvExportOptions } from './csv-export';
import { createCsvImporter, type CsvImportResult, type CsvImportSource } from './csv-import';
import { getService } from './get-service';

export type { CsvExportOptions } from './csv-export';
export type { CsvImportResult, CsvImportSource } from './csv-import';

/**
 * Alt text per locale out to a CSV file and back (docs/csv.md); for the admin routes and for
 * scripts (`strapi.plugin('auto-alt-text').service('csv')`). Neither direction calls a provider.
 */
export const createCsvService = ({ strapi }: { strapi: Core.Strapi }) => {
  const exporter = createCsvExporter(strapi);
  const importer = createCsvImporter(strapi);
  const locales = () => getService(strapi, 'locales');

  return {
    /** The file as text pieces (a BOM and the header first); throws a 400 for an unknown locale or folder before any piece. */
    async export(options: CsvExportOptions = {}): Promise<AsyncIterable<string>> {
      const { locales: set } = await locales().pick(options.locale);
      return exporter.prepare(options, set);
    },

    /** A file name saying what the export holds: `alt-text-missing-fr-2025-01-31.csv`. */
    fileName(options: CsvExportOptions = {}): string {
      const parts = ['alt-text', options.scope ?? 'all', options.scope === 'folder' ? String(options.folder) : null, options.locale ?? null, new Date().toISOString().slice(0, 10)];
      return `${parts.filter(Boolean).join('-')}.csv`;
    },

    /**
     * Checks every row, then writes them all in one transaction — or nothing, with the reasons per
     * row. `source`: a stream of bytes (fs.createReadStream), a Buffer or a string, UTF-8.
     * `actor`: who imports, for the history (a script's import is the system's).
     */
    async import(source: CsvImportSource, options: { actor?: AltTextActor } = {}): Promise<CsvImportResult> {
      return importer.run(source, await locales().set(), options.actor);
    },
  };
};
