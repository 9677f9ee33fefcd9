/** Just what the check below reads of a content type's or component's schema (the content-manager's types carry more). */
interface AttributeShape {
  type: string;
  allowedTypes?: string | Array<string | undefined> | null;
  component?: string;
  components?: string[];
}

export interface SchemaShape {
  uid: string;
  attributes: Record<string, AttributeShape>;
}

/** Only the app's own content types have entries the plugin reads (`api::…`), as the server's routes require. */
export const isAppContentType = (uid: string) => uid.startsWith('api::');

const takesImages = ({ allowedTypes }: AttributeShape) =>
  !allowedTypes || (Array.isArray(allowedTypes) ? allowedTypes.includes('images') : allowedTypes === 'images');

const holdsImages = (attribute: AttributeShape) =>
  (attribute.type === 'media' && takesImages(attribute)) || attribute.type === 'blocks' || attribute.type === 'richtext';

/**
 * Whether an entry of this type can use an image: a media field that takes images, a Blocks or
 * Markdown field, at any depth of its components and dynamic zones.
 */
export const canHoldImages = (schema: SchemaShape, components: Partial<Record<string, SchemaShape>>, seen = new Set<string>()): boolean => {
  seen.add(schema.uid);
  return Object.values(schema.attributes).some((attribute) => {
    if (holdsImages(attribute)) return true;
    const nested = attribute.type === 'component' ? [attribute.component] : attribute.type === 'dynamiczone' ? (attribute.components ?? []) : [];
    return nested.some((uid) => {
      const component = uid ? components[uid] : undefined;
      return !!component && !seen.has(uid as string) && canHoldImages(component, components, seen);
    });
  });
};
