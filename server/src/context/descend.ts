import type { Knex } from 'knex';
import type { Model, SchemaMap } from './schema-map';

/**
 * Every component row under one entry row, nested ones and dynamic zone items included, each with
 * its path in the entry (`sections.2`, `sections.2.figure`). One statement per nesting level: a
 * UNION ALL over the components tables of the models met at that level.
 */
export interface ComponentPlace {
  uid: string;
  id: number;
  path: string;
}

/** As in climb.ts: a cycle in a broken schema must still end. */
const MAX_DEPTH = 8;

type Row = Record<string, unknown>;

const childRows = async (knex: Knex, parents: ReadonlyArray<{ model: Model; ids: number[] }>): Promise<Row[]> => {
  const branches = parents.map(({ model, ids }, branch) => {
    const t = model.componentTable!;
    return knex({ j: t.name })
      .select(knex.raw(`${Number(branch)} as branch`), { entityId: `j.${t.entity}`, cmpId: `j.${t.cmp}`, componentType: `j.${t.type}`, field: `j.${t.field}`, position: `j.${t.order}` })
      .whereIn(`j.${t.entity}`, ids);
  });
  const [first, ...rest] = branches;
  return (await (rest.length > 0 ? first.unionAll(rest) : first)) as Row[];
};

/** Index within the field, by the stored order (single components have none and are index 0). */
const withIndexes = (rows: Row[]) => {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.branch}#${row.entityId}#${row.field}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].flatMap((group) =>
    group.sort((a, b) => Number(a.position ?? 0) - Number(b.position ?? 0) || Number(a.cmpId) - Number(b.cmpId)).map((row, index) => ({ row, index }))
  );
};

export const componentsUnder = async (knex: Knex, schema: SchemaMap, root: { model: Model; id: number }): Promise<ComponentPlace[]> => {
  const places: ComponentPlace[] = [];
  let level: Array<{ model: Model; id: number; path: string }> = [{ ...root, path: '' }];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth += 1) {
    const parents = new Map<string, { model: Model; ids: number[] }>();
    for (const { model, id } of level) {
      if (!model.componentTable) continue;
      const parent = parents.get(model.uid) ?? { model, ids: [] };
      parent.ids.push(id);
      parents.set(model.uid, parent);
    }
    if (parents.size === 0) break;
    const branches = [...parents.values()];
    const pathOf = new Map(level.map((place) => [`${place.model.uid}#${place.id}`, place.path]));
    const next: typeof level = [];
    for (const { row, index } of withIndexes(await childRows(knex, branches))) {
      const parent = branches[Number(row.branch)]?.model;
      const attribute = parent?.attributes.get(String(row.field));
      const model = schema.model(String(row.componentType));
      if (!parent || !attribute || !model) continue;
      const prefix = pathOf.get(`${parent.uid}#${Number(row.entityId)}`);
      const step = attribute.list ? `${row.field}.${index}` : String(row.field);
      const path = prefix ? `${prefix}.${step}` : step;
      places.push({ uid: model.uid, id: Number(row.cmpId), path });
      next.push({ model, id: Number(row.cmpId), path });
    }
    level = next;
  }
  return places;
};
