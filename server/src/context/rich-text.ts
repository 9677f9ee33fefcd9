import { blocksToText } from './blocks';
import { urlNamesFile, type FileKeys } from './file-match';
import { markdownToText } from './markdown';
import { neighbours, type ImageBlock, type TextBlock } from './neighbours';

/** The two rich text formats of Strapi 5: `blocks` (JSON) and `richtext` (Markdown). */
export type RichTextType = 'blocks' | 'richtext';

export const richTextBlocks = (type: RichTextType, value: unknown): TextBlock[] =>
  type === 'blocks' ? blocksToText(value) : markdownToText(value);

export const imageNamesFile = (block: ImageBlock, file: FileKeys): boolean =>
  (block.hash !== null && block.hash === file.hash) || (block.url !== null && urlNamesFile(block.url, file));

export interface AroundImage {
  /** Heading, paragraph before, the image's own paragraph, paragraph after. */
  pieces: string[];
  link: string | null;
}

/** What surrounds the first place where the text shows this file; null when it does not show it. */
export const aroundFile = (blocks: readonly TextBlock[], file: FileKeys): AroundImage | null => {
  const index = blocks.findIndex((block) => block.kind === 'image' && imageNamesFile(block, file));
  if (index < 0) return null;
  return { pieces: neighbours(blocks, index), link: (blocks[index] as ImageBlock).link };
};

/** Every image a text shows, in order: what an entry's Blocks or Markdown adds to its media. */
export const imagesOf = (blocks: readonly TextBlock[]): ImageBlock[] =>
  blocks.filter((block): block is ImageBlock => block.kind === 'image');
