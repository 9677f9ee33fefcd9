import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../utils/plugin-id';
import { requestedLocale, type ResponseLocalizer } from './localize';
import { FILE_UID } from './media-objects';
import { createTextBatches, type TextBatches } from './text-batches';

/** The parts of @strapi/plugin-graphql (and its nexus) this file uses. */
interface Nexus {
  plugin(config: { name: string; onAddOutputField(config: OutputField): void }): unknown;
  stringArg(config: { description: string }): unknown;
}
interface OutputField {
  parentType: string;
  args?: Record<string, unknown>;
  extensions?: { strapi?: { contentType?: { uid?: string; pluginOptions?: { i18n?: { localized?: boolean } } } } };
}
interface GraphQLExtension {
  use(configure: (tools: { nexus: Nexus }) => Record<string, unknown>): unknown;
}
interface ResolverInfo {
  path?: { key: string | number; prev?: ResolverInfo['path'] };
}
type Resolve = (parent: unknown, args: unknown, context: unknown, info: ResolverInfo) => unknown;

const LOCALE_ARG = 'AutoAltTextLocaleArg';

/**
 * The root query a field belongs to and that query's `locale` argument: Strapi's GraphQL plugin
 * keeps every root field's arguments in the context (`rootQueryArgsByPath`, for its own
 * association resolvers), so a file deep in components gets its entry query's locale.
 */
const rootLocale = (context: unknown, info: ResolverInfo): string | undefined => {
  let path = info.path;
  while (path?.prev) path = path.prev;
  const byPath = (context as { rootQueryArgsByPath?: Map<string | number, { locale?: unknown }> } | null)?.rootQueryArgsByPath;
  return path ? requestedLocale(byPath?.get(path.key)?.locale) : undefined;
};

/**
 * GraphQL loads media, components and dynamic zones with `strapi.db.query(..).load`, past the
 * Document Service: the `UploadFile.alternativeText` field itself answers in the root query's
 * `locale` (batched per request: one query per locale for the files resolved together). Queries
 * of non-localized types and of upload files get a `locale` argument (i18n gives the localized ones
 * theirs), which only chooses the alt text of the media they return.
 */
export const localizeGraphQL = (strapi: Core.Strapi, localizer: ResponseLocalizer): void => {
  if (!strapi.plugin('graphql')) return;
  const batchesOf = new WeakMap<object, TextBatches>();
  const warn = (error: unknown) =>
    strapi.log.warn(`[${PLUGIN_ID}] GraphQL: localized alt text could not be read, the default text is served (${error instanceof Error ? error.message : 'unknown error'})`);

  const alternativeText = async (resolve: Resolve, parent: unknown, args: unknown, context: unknown, info: ResolverInfo) => {
    const text = (await resolve(parent, args, context, info)) as string | null;
    const locale = rootLocale(context, info);
    const file = parent as { id?: unknown; name?: unknown } | null;
    if (!locale || typeof file?.id !== 'number' || typeof context !== 'object' || context === null) return text;
    if (!(await localizer.setFor(locale))) return text;
    let batches = batchesOf.get(context);
    if (!batches) {
      batches = createTextBatches(localizer.serve, warn);
      batchesOf.set(context, batches);
    }
    return batches.load({ id: file.id, name: typeof file.name === 'string' ? file.name : '', alternativeText: text ?? null }, locale);
  };

  const graphql = strapi.plugin('graphql');
  const extension = graphql.service('extension') as GraphQLExtension;
  const naming = (graphql.service('utils') as { naming?: { getTypeName?(model: unknown): string } }).naming;
  extension.use(({ nexus }) => ({
    plugins: [
      nexus.plugin({
        name: LOCALE_ARG,
        onAddOutputField(config) {
          const contentType = config.extensions?.strapi?.contentType;
          if (config.parentType !== 'Query' || !contentType?.uid || config.args?.locale) return;
          if (contentType.uid !== FILE_UID && !contentType.uid.startsWith('api::')) return;
          if (contentType.pluginOptions?.i18n?.localized) return;
          config.args = { ...config.args, locale: nexus.stringArg({ description: 'The locale of the media alt text (auto-alt-text); the default text when it has none' }) };
        },
      }),
    ],
    resolversConfig: { [`${naming?.getTypeName?.(strapi.getModel(FILE_UID)) ?? 'UploadFile'}.alternativeText`]: { middlewares: [alternativeText] } },
  }));
};
