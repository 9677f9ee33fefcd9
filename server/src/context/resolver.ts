import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { EntryContextConfig } from '../config/schema';
import type { EntryContext } from '../providers/types';
import { assembleContext, type AssembleInput } from './assemble';
import { byCodeUnit, comparePaths, oneRowPerEntry } from './choose';
import type { Use } from './climb';
import { imagesOfEntry } from './entry-images';
import { entryShape, readEntries, type EntryRow, type EntryShape } from './entry-rows';
import { entriesOfFile } from './file-entries';
import type { FileKeys } from './file-match';
import { createMainFields, titleFieldOf } from './main-fields';
import { readSchemaMap, type Model, type SchemaMap } from './schema-map';
import { fitEntries } from './text';

export type ContextOptions = Pick<EntryContextConfig, 'maxEntries' | 'maxChars' | 'ecommerce'>;

export interface ContextResolver {
  /**
   * The entries that use the file through media fields (their own, their components', their
   * dynamic zones'), at most `maxEntries`, most recently updated first; `more` counts the others.
   * An image that only appears inside rich text (Blocks, Markdown) is not linked to anything in
   * the database and is found from the entry's side (`forEntry`), not here.
   */
  forFile(fileId: number): Promise<{ entries: EntryContext[]; more: number }>;
  /**
   * The images one entry shows (media fields, components, dynamic zones, rich text), each with the
   * entry's context. The draft when there is one; `locale` defaults to the default locale for a
   * localized type, as Strapi's Document Service does.
   */
  forEntry(uid: string, documentId: string, locale?: string): Promise<Array<{ fileId: number; context: EntryContext }>>;
}

/**
 * Context resolution over Strapi's own tables, read-only. Unknown types, deleted entries, odd JSON
 * read as nothing; a promise rejects only when the database does. Schemas are read on first use
 * (they do not change while Strapi runs), main fields once a minute.
 */
export const createContextResolver = (strapi: Core.Strapi, options: ContextOptions): ContextResolver => {
  const knex: Knex = strapi.db.connection;
  const mainFields = createMainFields(strapi);
  let schemaMap: SchemaMap | null = null;
  const schema = () => (schemaMap ??= readSchemaMap(strapi));

  /** How to read each model's entries: its title field and product facts come from the configuration. */
  const readings = async (): Promise<(model: Model) => Reading> => {
    const titles = await mainFields();
    return (model) => {
      const titleField = titleFieldOf(model, titles.get(model.uid));
      const ecommerce = options.ecommerce[model.uid];
      return { titleField, ecommerce, shape: entryShape(schema(), model, [titleField, ...Object.values(ecommerce ?? {})]) };
    };
  };

  return {
    async forFile(fileId) {
      const readingOf = await readings();
      const found = await entriesOfFile({ knex, schema: schema(), maxEntries: options.maxEntries, shapeOf: (model) => readingOf(model).shape }, fileId);
      const file = found.file;
      if (!file) return { entries: [], more: 0 };
      const entries = found.entries.flatMap(({ row, uses }) => {
        const model = schema().model(row.uid);
        return model ? [describe(readingOf(model), row, uses, file)] : [];
      });
      return { entries: fitEntries(entries, options.maxChars), more: found.more };
    },

    async forEntry(uid, documentId, locale) {
      const model = schema().model(uid);
      if (!model || model.kind !== 'contentType') return [];
      const reading = (await readings())(model);
      const rows = oneRowPerEntry(await readEntries(knex, reading.shape, { documentId, locale: model.localized ? (locale ?? (await defaultLocale(strapi))) : undefined }));
      const results: Array<{ fileId: number; context: EntryContext }> = [];
      for (const row of rows) {
        for (const image of await imagesOfEntry(knex, schema(), reading.shape, row)) {
          const [context] = fitEntries([describe(reading, row, image.uses, image.file)], options.maxChars);
          results.push({ fileId: image.file.id, context });
        }
      }
      const order = comparePaths(fieldOrder(reading.shape));
      return results.sort((a, b) => byCodeUnit(a.context.locale ?? '', b.context.locale ?? '') || order(a.context.field, b.context.field) || a.fileId - b.fileId);
    },
  };
};

type Reading = Pick<AssembleInput, 'shape' | 'titleField' | 'ecommerce'>;

const fieldOrder = (shape: EntryShape): string[] => [...shape.model.attributes.keys()];

/** One entry's context for one file, the places it holds the file in the edit view's order. */
const describe = (reading: Reading, row: EntryRow, uses: readonly Use[], file: FileKeys): EntryContext => {
  const order = comparePaths(fieldOrder(reading.shape));
  return assembleContext({ ...reading, row, file, uses: [...uses].sort((a, b) => order(a.path, b.path)) });
};

/** i18n's default locale (undefined when i18n cannot say: then every locale of the document is read). */
const defaultLocale = async (strapi: Core.Strapi): Promise<string | undefined> => {
  try {
    const locales = strapi.plugin('i18n')?.service('locales') as { getDefaultLocale?: () => Promise<unknown> } | undefined;
    const code = await locales?.getDefaultLocale?.();
    return typeof code === 'string' && code !== '' ? code : undefined;
  } catch {
    return undefined;
  }
};
