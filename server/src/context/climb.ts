import type { Knex } from 'knex';
import type { HolderText } from './holder';
import type { Model, SchemaMap } from './schema-map';

/**
 * From a component row that holds a file up to the entry that owns it, through the components
 * join tables (`<table>_cmps`), nested components and dynamic zones included. Each level is one
 * statement: a UNION ALL over every table that may hold the components seen at that level, so the
 * cost follows the nesting depth, never the number of entries.
 */
export interface Placement {
  /** The model holding the file at this step, and its row. */
  uid: string;
  id: number;
  /** Below that model: `image`, then `figures.0.image` one level up. */
  path: string;
  fileId: number;
  /** The innermost component's short texts, carried up unchanged. */
  holder: HolderText | null;
}

/** A placement whose model is a content type: an entry row holding the file. */
export type Use = Placement;

/** Strapi does not limit nesting; a cycle in a broken schema must still end. */
const MAX_DEPTH = 8;

interface LinkRow {
  branch: number;
  entityId: number;
  cmpId: number;
  componentType: string;
  field: string;
  position: number;
}

const linkRows = async (knex: Knex, owners: Array<{ model: Model; wanted: Map<string, number[]> }>): Promise<LinkRow[]> => {
  const branches = owners.map(({ model, wanted }, branch) => {
    const t = model.componentTable!;
    // The item's index in its field (`sections.2`): the siblings before it by order.
    const position = knex({ s: t.name })
      .count('*')
      .whereRaw('?? = ??', [`s.${t.entity}`, `j.${t.entity}`])
      .andWhereRaw('?? = ??', [`s.${t.field}`, `j.${t.field}`])
      .andWhereRaw('?? < ??', [`s.${t.order}`, `j.${t.order}`])
      .as('position');
    return knex({ j: t.name })
      .select(knex.raw(`${Number(branch)} as branch`), { entityId: `j.${t.entity}`, cmpId: `j.${t.cmp}`, componentType: `j.${t.type}`, field: `j.${t.field}` }, position)
      .where((where) => {
        for (const [component, ids] of wanted) where.orWhere((one) => one.where(`j.${t.type}`, component).whereIn(`j.${t.cmp}`, ids));
      });
  });
  const [first, ...rest] = branches;
  const rows = (await (rest.length > 0 ? first.unionAll(rest) : first)) as Array<Record<string, unknown>>;
  return rows.map((row) => ({
    branch: Number(row.branch),
    entityId: Number(row.entityId),
    cmpId: Number(row.cmpId),
    componentType: String(row.componentType),
    field: String(row.field),
    position: Number(row.position),
  }));
};

/** The models that may hold each pending component, with the rows of it they should be asked about. */
const ownersOf = (schema: SchemaMap, pending: readonly Placement[]) => {
  const owners = new Map<string, { model: Model; wanted: Map<string, number[]> }>();
  for (const placement of pending) {
    for (const model of schema.ownersOf(placement.uid)) {
      const owner = owners.get(model.uid) ?? { model, wanted: new Map<string, number[]>() };
      const ids = owner.wanted.get(placement.uid) ?? [];
      if (!ids.includes(placement.id)) ids.push(placement.id);
      owner.wanted.set(placement.uid, ids);
      owners.set(model.uid, owner);
    }
  }
  return [...owners.values()];
};

export const climbToEntries = async (knex: Knex, schema: SchemaMap, placements: readonly Placement[]): Promise<Use[]> => {
  const uses: Use[] = [];
  let pending: Placement[] = [];
  const sort = (placement: Placement) => {
    const kind = schema.model(placement.uid)?.kind;
    if (kind === 'contentType') uses.push(placement);
    else if (kind === 'component') pending.push(placement);
    // An unknown model (a removed type, a plugin's table not in the schema) has no entry to find.
  };
  placements.forEach(sort);
  for (let depth = 0; depth < MAX_DEPTH && pending.length > 0; depth += 1) {
    const owners = ownersOf(schema, pending);
    const current = new Map<string, Placement[]>();
    for (const placement of pending) current.set(`${placement.uid}#${placement.id}`, [...(current.get(`${placement.uid}#${placement.id}`) ?? []), placement]);
    pending = [];
    if (owners.length === 0) break;
    for (const link of await linkRows(knex, owners)) {
      const owner = owners[link.branch]?.model;
      const attribute = owner?.attributes.get(link.field);
      if (!owner || !attribute) continue;
      const step = attribute.list ? `${link.field}.${link.position}` : link.field;
      for (const placement of current.get(`${link.componentType}#${link.cmpId}`) ?? []) {
        sort({ ...placement, uid: owner.uid, id: link.entityId, path: `${step}.${placement.path}` });
      }
    }
  }
  return uses;
};
