import type { Knex } from 'knex';
import { isSeoComponent } from './holder';
import type { Model, SchemaMap } from './schema-map';

/**
 * Entry rows, read from the content type's own table. `readHeads` reads only what choosing the
 * entries needs (one UNION ALL over the types); `readEntries` reads what describing them needs:
 * the title, the rich text fields, the mapped product facts and the `seo` component (LEFT JOINed
 * through the type's components table), one statement per content type.
 */
export interface EntryHead {
  uid: string;
  id: number;
  documentId: string;
  locale: string | null;
  /** No `publishedAt`: the draft of its document. */
  draft: boolean;
  /** Milliseconds since the epoch; 0 when unknown. */
  updatedAt: number;
}

export interface EntryRow extends EntryHead {
  /** Attribute name → stored value, for the attributes the shape asked for. */
  values: Record<string, unknown>;
  seo: { metaTitle: unknown; metaDescription: unknown; keywords: unknown } | null;
}

export interface SeoLink {
  field: string;
  component: Model;
}

export interface EntryShape {
  model: Model;
  /** Read from the entry's own table: the main field, rich text, product facts. */
  attributes: string[];
  seo: SeoLink | null;
}

const SEO_KEYS = ['metaTitle', 'metaDescription', 'keywords'] as const;

/** The entry's SEO component: the field named `seo` if it is one, else the first single component that looks like SEO. */
const seoLinkOf = (schema: SchemaMap, model: Model): SeoLink | null => {
  if (!model.componentTable) return null;
  const candidates = [...model.attributes].filter(([, attribute]) => attribute.type === 'component' && !attribute.list);
  candidates.sort(([a], [b]) => Number(b === 'seo') - Number(a === 'seo'));
  for (const [field, attribute] of candidates) {
    const component = schema.model(attribute.components[0] ?? '');
    if (component && isSeoComponent(component)) return { field, component };
  }
  return null;
};

const RICH_TEXT = new Set(['blocks', 'richtext']);

export const entryShape = (schema: SchemaMap, model: Model, extra: ReadonlyArray<string | null | undefined>): EntryShape => {
  const richText = [...model.attributes].filter(([, attribute]) => RICH_TEXT.has(attribute.type)).map(([name]) => name);
  const attributes = [...new Set([...extra, ...richText])].filter((name): name is string => !!name && model.columns.has(name));
  return { model, attributes, seo: seoLinkOf(schema, model) };
};

/** SQLite keeps milliseconds, PostgreSQL and MySQL give Dates; a string may be either. */
const timeOf = (value: unknown): number => {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 0;
  const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(time) ? time : 0;
};

type Row = Record<string, unknown>;

const SYSTEM = ['documentId', 'locale', 'publishedAt', 'updatedAt'] as const;

/** The same columns for every type (a UNION needs them), NULL where a type lacks one. */
const systemColumns = (knex: Knex, model: Model, alias: string) => [
  `${alias}.id as id`,
  ...SYSTEM.map((name) => (model.columns.has(name) ? `${alias}.${model.columns.get(name)} as ${name}` : knex.raw('NULL as ??', [name]))),
];

const headOf = (uid: string, localized: boolean, row: Row): EntryHead => ({
  uid,
  id: Number(row.id),
  documentId: String(row.documentId ?? ''),
  // Every content type has a locale column in Strapi 5; it names a language only where the type is localized.
  locale: localized && typeof row.locale === 'string' ? row.locale : null,
  draft: row.publishedAt === null || row.publishedAt === undefined,
  updatedAt: timeOf(row.updatedAt),
});

export type EntryFilter = { ids: readonly number[] } | { documentId: string; locale?: string };

export const readEntries = async (knex: Knex, shape: EntryShape, filter: EntryFilter): Promise<EntryRow[]> => {
  const { model, attributes, seo } = shape;
  const query = knex({ e: model.table }).select(...systemColumns(knex, model, 'e'));
  attributes.forEach((name, i) => query.select({ [`a${i}`]: `e.${model.columns.get(name)}` }));
  const seoColumns = seo ? SEO_KEYS.filter((key) => seo.component.columns.has(key)) : [];
  if (seo && model.componentTable) {
    const t = model.componentTable;
    query
      .leftJoin({ sj: t.name }, (on) => on.on(`sj.${t.entity}`, '=', 'e.id').andOnVal(`sj.${t.field}`, '=', seo.field).andOnVal(`sj.${t.type}`, '=', seo.component.uid))
      .leftJoin({ s: seo.component.table }, 's.id', `sj.${t.cmp}`)
      .select({ seoId: 's.id' });
    seoColumns.forEach((key) => query.select({ [`seo_${key}`]: `s.${seo.component.columns.get(key)}` }));
  }
  if ('ids' in filter) query.whereIn('e.id', [...filter.ids]);
  else {
    query.where(`e.${model.columns.get('documentId') ?? 'document_id'}`, filter.documentId);
    if (filter.locale !== undefined && model.columns.has('locale')) query.where(`e.${model.columns.get('locale')}`, filter.locale);
  }
  const rows = (await query) as Row[];
  return rows.map((row) => ({
    ...headOf(model.uid, model.localized, row),
    values: Object.fromEntries(attributes.map((name, i) => [name, row[`a${i}`]])),
    seo: row.seoId === null || row.seoId === undefined ? null : { metaTitle: row.seo_metaTitle, metaDescription: row.seo_metaDescription, keywords: row.seo_keywords },
  }));
};

/** Only what choosing needs, for rows of many types at once: one UNION ALL. */
export const readHeads = async (knex: Knex, wanted: ReadonlyArray<{ model: Model; ids: readonly number[] }>): Promise<EntryHead[]> => {
  const branches = wanted
    .filter(({ ids }) => ids.length > 0)
    .map(({ model, ids }, branch) => knex({ e: model.table }).select(knex.raw(`${Number(branch)} as branch`), ...systemColumns(knex, model, 'e')).whereIn('e.id', [...ids]));
  if (branches.length === 0) return [];
  const models = wanted.filter(({ ids }) => ids.length > 0).map(({ model }) => model);
  const [first, ...rest] = branches;
  const rows = (await (rest.length > 0 ? first.unionAll(rest) : first)) as Row[];
  return rows.flatMap((row) => {
    const model = models[Number(row.branch)];
    return model ? [headOf(model.uid, model.localized, row)] : [];
  });
};
