import { squish } from './text';

/**
 * A rich text field read as a flat list of blocks, whatever its format (Blocks JSON, Markdown):
 * what the neighbours of an image are does not depend on how the editor stored them.
 */
export type TextBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  /** `text`: the words sharing the image's paragraph (Markdown puts images inline); `link`: where a click on it goes. */
  | { kind: 'image'; url: string | null; hash: string | null; text: string; link: string | null };

export type ImageBlock = Extract<TextBlock, { kind: 'image' }>;

/**
 * The text around the image at `index`: the heading of its section, the paragraph just before it
 * (not across that heading: a paragraph of the previous section says nothing about this image),
 * the words of its own paragraph, and the first paragraph after it (not past the next heading;
 * other images in between are passed over, as a gallery is one unit). Empty pieces are left out.
 */
export const neighbours = (blocks: readonly TextBlock[], index: number): string[] => {
  const image = blocks[index];
  if (image?.kind !== 'image') return [];
  let heading = '';
  let before = '';
  for (let i = index - 1; i >= 0 && !heading; i -= 1) {
    const block = blocks[i];
    if (block.kind === 'heading') heading = block.text;
    else if (block.kind === 'text' && !before) before = block.text;
  }
  let after = '';
  for (let i = index + 1; i < blocks.length && !after; i += 1) {
    const block = blocks[i];
    if (block.kind === 'heading') break;
    if (block.kind === 'text') after = block.text;
  }
  const pieces = [heading, before, image.text, after].map(squish).filter((piece) => piece !== '');
  return [...new Set(pieces)];
};
