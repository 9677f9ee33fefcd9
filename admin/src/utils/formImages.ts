const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object';

/** A file object of the Media Library as the edit form holds it (a media field's value, a Blocks image's `image`). */
const imageKeyOf = (value: Record<string, unknown>): string | undefined => {
  if (typeof value.mime !== 'string' || !value.mime.startsWith('image/')) return undefined;
  const key = value.hash ?? value.url ?? value.id;
  return typeof key === 'string' || typeof key === 'number' ? String(key) : undefined;
};

/**
 * The images an entry's form values name, as one comparable string: media fields, components,
 * dynamic zones and Blocks images alike hold the file object, wherever it sits. The same walk of
 * the saved values and of the edited ones tells whether images were added or removed.
 */
export const imagesSignature = (values: unknown): string => {
  const keys = new Set<string>();
  const visit = (value: unknown, depth: number) => {
    if (!isRecord(value) || depth > 30) return;
    const key = Array.isArray(value) ? undefined : imageKeyOf(value);
    if (key !== undefined) {
      keys.add(key);
      return;
    }
    for (const child of Array.isArray(value) ? value : Object.values(value)) visit(child, depth + 1);
  };
  visit(values, 0);
  return [...keys].sort().join('\n');
};
