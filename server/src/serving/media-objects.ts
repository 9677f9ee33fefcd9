/** The Media Library's model: what a media attribute (or a relation to files) holds. */
export const FILE_UID = 'plugin::upload.file';

/** A file as a response holds it, with its alt text to serve. */
export interface MediaObject {
  id: number;
  name?: unknown;
  alternativeText: string | null;
}

/** The parts of an attribute's schema the walk reads. */
export interface WalkedAttribute {
  type?: string;
  relation?: string;
  target?: string;
  component?: string;
}

/** The schema of a content type or component (`strapi.getModel`), undefined for an unknown uid. */
export type ModelOf = (uid: string) => { attributes: Record<string, WalkedAttribute> } | undefined;

/** Where an attribute's values take their schema from: a fixed uid, or a key of each value (dynamic zones, morph relations). */
type Target = { uid: string } | { key: '__component' | '__type' };

/** Far deeper than any populate a request can ask for: a guard against a pathological value, not a limit anyone meets. */
const MAX_DEPTH = 64;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const targetOf = (attribute: WalkedAttribute): Target | undefined => {
  switch (attribute.type) {
    case 'media':
      return { uid: FILE_UID };
    case 'component':
      return attribute.component ? { uid: attribute.component } : undefined;
    case 'dynamiczone':
      return { key: '__component' };
    case 'relation':
      if (attribute.target) return { uid: attribute.target };
      return attribute.relation?.startsWith('morph') ? { key: '__type' } : undefined;
    default:
      // Scalars, JSON, Blocks: never a file, even when a value is shaped like one (a JSON copy, a Blocks image).
      return undefined;
  }
};

/** A file the response carries its alt text for: a numeric id and its own `alternativeText` (absent when `fields` left it out). */
const asMediaObject = (value: Record<string, unknown>): MediaObject | undefined =>
  typeof value.id === 'number' && 'alternativeText' in value && (value.alternativeText === null || typeof value.alternativeText === 'string')
    ? (value as unknown as MediaObject)
    : undefined;

/**
 * Every file object in a read result, found by walking the schema of `uid` (not by the shape of
 * objects): media attributes and relations to files, through components, dynamic zones, relations
 * and morph relations, to any depth the populate reached. The objects themselves are returned, so
 * the caller rewrites them in place; one object per occurrence (the same file may appear twice).
 */
export const collectMediaObjects = (value: unknown, uid: string, modelOf: ModelOf): MediaObject[] => {
  const found: MediaObject[] = [];
  const seen = new WeakSet<object>();
  const visit = (node: unknown, target: Target, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const item of Array.isArray(node) ? node : [node]) {
      if (!isRecord(item) || seen.has(item)) continue;
      seen.add(item);
      const itemUid = 'uid' in target ? target.uid : item[target.key];
      if (typeof itemUid !== 'string') continue;
      if (itemUid === FILE_UID) {
        const file = asMediaObject(item);
        if (file) found.push(file);
        continue;
      }
      const attributes = modelOf(itemUid)?.attributes ?? {};
      for (const [name, attribute] of Object.entries(attributes)) {
        const child = item[name];
        const childTarget = typeof child === 'object' && child !== null ? targetOf(attribute) : undefined;
        if (childTarget) visit(child, childTarget, depth + 1);
      }
    }
  };
  visit(value, { uid }, 0);
  return found;
};
