/**
 * The few shapes internal models are written in: an increments id, nullable columns of one type
 * declared together, required ones, and the row times (Strapi fills none of them for internal models).
 */
type ColumnType = 'string' | 'text' | 'integer' | 'biginteger' | 'datetime' | 'json' | 'boolean';

export const required = (type: ColumnType) => ({ type, column: { notNullable: true } }) as const;

/** Several nullable columns of one type: `...columns('datetime', 'availableAt', 'leaseUntil')`. */
export const columns = <Name extends string>(type: ColumnType, ...names: Name[]) =>
  Object.fromEntries(names.map((name) => [name, { type }])) as Record<Name, { type: ColumnType }>;

const rowTimes = {
  createdAt: { type: 'datetime', default: () => new Date() },
  updatedAt: { type: 'datetime', default: () => new Date() },
} as const;

interface IndexSpec {
  name: string;
  columns: string[];
  type: 'unique' | null;
}

/**
 * An internal model (no content type, no admin UI) with an increments id and, unless told not to,
 * row times. Its singular name is the uid's last part (`plugin::auto-alt-text.job` → `job`).
 */
export const internalModel = <Attributes extends Record<string, unknown>>(
  uid: string,
  tableName: string,
  spec: { attributes: Attributes; indexes?: IndexSpec[]; rowTimes?: boolean }
) => ({
  uid,
  tableName,
  singularName: uid.slice(uid.lastIndexOf('.') + 1),
  attributes: { id: { type: 'increments' }, ...spec.attributes, ...(spec.rowTimes === false ? {} : rowTimes) },
  ...(spec.indexes ? { indexes: spec.indexes } : {}),
});
