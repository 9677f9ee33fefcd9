/**
 * Strapi Blocks nodes, as the content-manager's editor writes them: an image node carries a copy of
 * the Media Library file (the fields Strapi's blocks validator requires), not a link to it.
 */
type TextNode = { type: 'text'; text: string };

export const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text } satisfies TextNode] });

export const heading = (text: string, level = 2) => ({ type: 'heading', level, children: [{ type: 'text', text } satisfies TextNode] });

const iso = (value: unknown) => new Date(value as string | number | Date).toISOString();

/** An image block for a file row read with `strapi.db.query('plugin::upload.file')`. */
export const imageBlock = (file: Record<string, unknown>) => ({
  type: 'image',
  image: {
    name: file.name,
    alternativeText: file.alternativeText ?? file.name,
    url: file.url,
    caption: file.caption ?? null,
    width: file.width,
    height: file.height,
    formats: file.formats ?? null,
    hash: file.hash,
    ext: file.ext,
    mime: file.mime,
    size: file.size,
    previewUrl: file.previewUrl ?? null,
    provider: file.provider,
    provider_metadata: file.provider_metadata ?? null,
    createdAt: iso(file.createdAt),
    updatedAt: iso(file.updatedAt),
  },
  children: [{ type: 'text', text: '' } satisfies TextNode],
});
