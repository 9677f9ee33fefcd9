import type { Core } from '@strapi/strapi';
import type { Model } from './schema-map';

/**
 * An entry's title is its content-manager main field (Settings → Configure the view → Entry
 * title), stored by the content-manager in the core store under
 * `plugin_content_manager_configuration_content_types::<uid>` as `{ settings: { mainField } }`.
 * All types are read in one statement and kept for `ttlMs`: an admin who changes a main field sees
 * it in context within a minute, and a bulk run does not read the store once per image.
 */
const PREFIX = 'plugin_content_manager_configuration_content_types::';

export type MainFields = () => Promise<ReadonlyMap<string, string>>;

const mainFieldOf = (value: unknown): string | null => {
  try {
    const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as { settings?: { mainField?: unknown } } | null;
    return typeof parsed?.settings?.mainField === 'string' ? parsed.settings.mainField : null;
  } catch {
    return null; // a hand-edited, unreadable configuration falls back like a missing one
  }
};

export const createMainFields = (strapi: Core.Strapi, ttlMs = 60_000, now = () => Date.now()): MainFields => {
  let cached: { at: number; fields: Promise<Map<string, string>> } | null = null;
  const load = async () => {
    const rows = (await strapi.db.query('strapi::core-store').findMany({ where: { key: { $startsWith: PREFIX } }, select: ['key', 'value'] })) as Array<{ key?: unknown; value?: unknown }>;
    const fields = new Map<string, string>();
    for (const row of rows) {
      const field = mainFieldOf(row.value);
      if (typeof row.key === 'string' && row.key.startsWith(PREFIX) && field) fields.set(row.key.slice(PREFIX.length), field);
    }
    return fields;
  };
  return () => {
    if (!cached || now() - cached.at > ttlMs) {
      const fields = load();
      cached = { at: now(), fields };
      fields.catch(() => {
        cached = null; // a failed read is not remembered
      });
    }
    return cached.fields;
  };
};

/**
 * The attribute that titles the model's entries: the configured main field when the entry's own
 * table stores it (`id` or a relation are not a title), else what the content-manager itself
 * defaults to, the first string attribute; null when there is none.
 */
export const titleFieldOf = (model: Model, configured: string | undefined): string | null => {
  if (configured && configured !== 'id' && configured !== 'documentId' && model.columns.has(configured) && model.attributes.has(configured)) return configured;
  for (const [name, attribute] of model.attributes) if (attribute.type === 'string' && model.columns.has(name)) return name;
  return null;
};
