import type { Core } from '@strapi/strapi';
import { FILE_UID } from '../utils/plugin-id';

/**
 * Strapi's schemas and database metadata, read once and kept as what context resolution needs:
 * tables and columns (never hard-coded: Strapi shortens long identifiers), which fields hold media,
 * components and rich text, and which models may hold a given component. Anything that does not
 * read as expected (a plugin's odd schema, a model without metadata) is left out, not thrown.
 */
export interface Attribute {
  type: string;
  /** Component fields: the component (`component`) or the dynamic zone's choices (`dynamiczone`). */
  components: string[];
  /** A repeatable component or a dynamic zone: its items have an index in the field's path. */
  list: boolean;
  private: boolean;
}

/** The `<table>_cmps` table linking a model's rows to their components. */
export interface ComponentTable {
  name: string;
  entity: string;
  cmp: string;
  type: string;
  field: string;
  order: string;
}

export interface Model {
  uid: string;
  kind: 'contentType' | 'component';
  table: string;
  displayName: string;
  localized: boolean;
  /** In the schema's order (which is the edit view's default order). */
  attributes: ReadonlyMap<string, Attribute>;
  /** The column of each attribute stored in the model's own table, system ones too (`documentId` → `document_id`). */
  columns: ReadonlyMap<string, string>;
  componentTable: ComponentTable | null;
}

/** The upload plugin's `related` morph table and the files table. */
export interface MediaTables {
  related: { table: string; file: string; id: string; type: string; field: string; order: string };
  files: { table: string; id: string; hash: string; ext: string; url: string };
}

export interface SchemaMap {
  model(uid: string): Model | undefined;
  /** Models with a component field or dynamic zone that may hold this component. */
  ownersOf(componentUid: string): Model[];
  /** Components with a media field: their short texts (a caption) describe the image they hold. */
  holders: Model[];
  media: MediaTables;
}

type RawAttribute = { type?: unknown; component?: unknown; components?: unknown; repeatable?: unknown; private?: unknown };
type RawSchema = { uid?: unknown; modelType?: unknown; info?: { displayName?: unknown }; pluginOptions?: { i18n?: { localized?: unknown } }; attributes?: Record<string, RawAttribute> };
type MetaAttribute = { columnName?: string; joinTable?: RawJoinTable };
type RawJoinTable = {
  name?: string;
  joinColumn?: { name?: string };
  inverseJoinColumn?: { name?: string };
  morphColumn?: { idColumn?: { name?: string }; typeColumn?: { name?: string } };
  on?: Record<string, unknown>;
  orderColumnName?: string;
  pivotColumns?: string[];
};

const COMPONENT_TYPES = new Set(['component', 'dynamiczone']);

const componentTableOf = (joinTable: RawJoinTable | undefined, identifiers: { FIELD_COLUMN: string; ORDER_COLUMN: string }): ComponentTable | null => {
  const cmp = joinTable?.inverseJoinColumn?.name ?? joinTable?.morphColumn?.idColumn?.name;
  if (!joinTable?.name || !joinTable.joinColumn?.name || !cmp) return null;
  const type = joinTable.morphColumn?.typeColumn?.name ?? joinTable.pivotColumns?.find((column) => column.includes('component_type')) ?? 'component_type';
  return {
    name: joinTable.name,
    entity: joinTable.joinColumn.name,
    cmp,
    type,
    field: Object.keys(joinTable.on ?? {})[0] ?? identifiers.FIELD_COLUMN,
    order: joinTable.orderColumnName ?? identifiers.ORDER_COLUMN,
  };
};

const readModel = (strapi: Core.Strapi, schema: RawSchema): Model | null => {
  const uid = typeof schema.uid === 'string' ? schema.uid : '';
  if (!uid || !strapi.db.metadata.has(uid)) return null;
  const meta = strapi.db.metadata.get(uid) as unknown as { tableName: string; attributes: Record<string, MetaAttribute> };
  const identifiers = strapi.db.metadata.identifiers;
  const attributes = new Map<string, Attribute>();
  let componentTable: ComponentTable | null = null;
  for (const [name, raw] of Object.entries(schema.attributes ?? {})) {
    if (typeof raw?.type !== 'string') continue;
    const metaAttribute = meta.attributes[name];
    const isComponent = COMPONENT_TYPES.has(raw.type);
    if (isComponent) componentTable ??= componentTableOf(metaAttribute?.joinTable, identifiers);
    const components = raw.type === 'component' ? [raw.component] : raw.type === 'dynamiczone' && Array.isArray(raw.components) ? raw.components : [];
    attributes.set(name, {
      type: raw.type,
      components: components.filter((component): component is string => typeof component === 'string'),
      list: raw.type === 'dynamiczone' || (raw.type === 'component' && raw.repeatable === true),
      private: raw.private === true,
    });
  }
  return {
    uid,
    kind: schema.modelType === 'component' ? 'component' : 'contentType',
    table: meta.tableName,
    displayName: typeof schema.info?.displayName === 'string' ? schema.info.displayName : uid,
    localized: schema.pluginOptions?.i18n?.localized === true,
    attributes,
    columns: new Map(
      Object.entries(meta.attributes).flatMap(([name, attribute]) => (typeof attribute?.columnName === 'string' ? [[name, attribute.columnName]] : []))
    ),
    componentTable,
  };
};

const mediaTables = (strapi: Core.Strapi): MediaTables => {
  const file = strapi.db.metadata.get(FILE_UID) as unknown as { tableName: string; attributes: Record<string, MetaAttribute> };
  const joinTable = file.attributes.related?.joinTable;
  const column = (name: string) => file.attributes[name]?.columnName ?? name;
  const { FIELD_COLUMN, ORDER_COLUMN } = strapi.db.metadata.identifiers;
  return {
    related: {
      table: joinTable?.name ?? 'files_related_mph',
      file: joinTable?.joinColumn?.name ?? 'file_id',
      id: joinTable?.morphColumn?.idColumn?.name ?? 'related_id',
      type: joinTable?.morphColumn?.typeColumn?.name ?? 'related_type',
      field: FIELD_COLUMN,
      order: ORDER_COLUMN,
    },
    files: { table: file.tableName, id: 'id', hash: column('hash'), ext: column('ext'), url: column('url') },
  };
};

export const readSchemaMap = (strapi: Core.Strapi): SchemaMap => {
  const schemas = [...Object.values(strapi.contentTypes), ...Object.values(strapi.components)] as unknown as RawSchema[];
  const models = new Map<string, Model>();
  for (const schema of schemas) {
    try {
      const model = readModel(strapi, schema);
      if (model) models.set(model.uid, model);
    } catch {
      // A schema that does not read as Strapi's own do is a model context resolution cannot use.
    }
  }
  const owners = new Map<string, Model[]>();
  for (const model of models.values()) {
    if (!model.componentTable) continue;
    const held = new Set([...model.attributes.values()].flatMap((attribute) => attribute.components));
    for (const component of held) owners.set(component, [...(owners.get(component) ?? []), model]);
  }
  const holders = [...models.values()]
    .filter((model) => model.kind === 'component' && [...model.attributes.values()].some((attribute) => attribute.type === 'media'))
    .sort((a, b) => a.uid.localeCompare(b.uid));
  return {
    model: (uid) => models.get(uid),
    ownersOf: (componentUid) => owners.get(componentUid) ?? [],
    holders,
    media: mediaTables(strapi),
  };
};
