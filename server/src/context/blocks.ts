import type { TextBlock } from './neighbours';

/**
 * Strapi's Blocks field (a JSON array of Slate nodes, `type` on each) as TextBlocks. Anything that
 * is not what a Blocks value should be (a string that is not JSON, an object, nodes without a type)
 * reads as nothing rather than failing: a field can hold data written by older code or by hand.
 */
type Node = { type?: unknown; text?: unknown; children?: unknown; image?: unknown };

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The stored value (a JSON string in SQLite and MySQL, parsed in PostgreSQL) as top-level nodes. */
export const blocksNodes = (value: unknown): Node[] => {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return [];
    }
  }
  return Array.isArray(parsed) ? parsed.filter(isNode) : [];
};

/** Block-level containers whose children are separate lines, not one run of words. */
const LINE_CONTAINERS = new Set(['list', 'list-item']);

const textOf = (node: Node, depth = 0): string => {
  if (typeof node.text === 'string') return node.text;
  if (!Array.isArray(node.children) || depth > 32) return '';
  const separator = LINE_CONTAINERS.has(String(node.type)) ? ' ' : '';
  return node.children.filter(isNode).map((child) => textOf(child, depth + 1)).join(separator);
};

const stringOr = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Paragraphs, quotes and lists are prose; code is not, and reads as nothing. */
const PROSE = new Set(['paragraph', 'quote', 'list']);

export const blocksToText = (value: unknown): TextBlock[] =>
  blocksNodes(value).flatMap((node): TextBlock[] => {
    if (node.type === 'heading') return [{ kind: 'heading', text: textOf(node) }];
    if (PROSE.has(String(node.type))) return [{ kind: 'text', text: textOf(node) }];
    if (node.type === 'image' && isNode(node.image)) {
      const image = node.image as Record<string, unknown>;
      // A Blocks image is a block of its own: it has no words of its own and cannot sit in a link.
      return [{ kind: 'image', url: stringOr(image.url), hash: stringOr(image.hash), text: '', link: null }];
    }
    return [];
  });
