import { blocksToText } from '../../../server/src/context/blocks';
import { markdownToText } from '../../../server/src/context/markdown';
import { aroundFile, imagesOf } from '../../../server/src/context/rich-text';
import type { FileKeys } from '../../../server/src/context/file-match';

const FILE: FileKeys = { id: 7, hash: 'trail_4f2a9c', ext: '.png', url: 'https://cdn.example.com/media/trail_4f2a9c.png' };
const OTHER: FileKeys = { id: 8, hash: 'lake_11aa22', ext: '.jpg', url: 'https://cdn.example.com/media/lake_11aa22.jpg' };

const text = (value: string) => ({ type: 'text', text: value });
const heading = (value: string) => ({ type: 'heading', level: 2, children: [text(value)] });
const paragraph = (...children: unknown[]) => ({ type: 'paragraph', children });
const image = (file: FileKeys) => ({ type: 'image', image: { name: 'x', hash: file.hash, url: `http://localhost:1337${file.url}` }, children: [text('')] });

describe('the Blocks text around an image', () => {
  test('is the heading of its section, the paragraph before and the paragraph after', () => {
    const body = [heading('Day one'), paragraph(text('We set off at '), { type: 'link', url: 'https://x', children: [text('dawn')] }, text('.')), image(FILE), paragraph(text('The ridge opens.'))];
    expect(aroundFile(blocksToText(body), FILE)).toEqual({ pieces: ['Day one', 'We set off at dawn.', 'The ridge opens.'], link: null });
  });

  test('stops at section borders: no paragraph from the previous section, nothing past the next heading', () => {
    const body = [paragraph(text('About the lake.')), heading('The trail'), image(FILE), heading('Camp'), paragraph(text('Tents up by six.'))];
    expect(aroundFile(blocksToText(body), FILE)?.pieces).toEqual(['The trail']);
  });

  test('passes over the other images of a gallery to reach the paragraph after it', () => {
    const body = [image(FILE), image(OTHER), paragraph(text('Both taken at noon.'))];
    expect(aroundFile(blocksToText(body), FILE)?.pieces).toEqual(['Both taken at noon.']);
  });

  test('lists read as their items, code reads as nothing', () => {
    const list = { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [text('boots')] }, { type: 'list-item', children: [text('poles')] }] };
    const code = { type: 'code', children: [text('npm run hike')] };
    expect(aroundFile(blocksToText([list, code, image(FILE)]), FILE)?.pieces).toEqual(['boots poles']);
  });

  test('finds the file by its hash, and is null when the text does not show it', () => {
    const body = [paragraph(text('Only words.')), { type: 'image', image: { hash: FILE.hash, url: 'https://elsewhere/renamed.png' }, children: [] }];
    expect(aroundFile(blocksToText(body), FILE)?.pieces).toEqual(['Only words.']);
    expect(aroundFile(blocksToText(body), OTHER)).toBeNull();
  });

  test.each([['not json'], ['{"type":"paragraph"}'], [{ not: 'blocks' }], [42], [null], [[null, 'x', { children: 'no' }]]])('%p reads as no blocks, without throwing', (value) => {
    expect(blocksToText(value)).toEqual([]);
  });

  test('a JSON string (SQLite, MySQL) reads like the parsed array (PostgreSQL)', () => {
    const body = [heading('Title'), image(FILE)];
    expect(blocksToText(JSON.stringify(body))).toEqual(blocksToText(body));
  });
});

describe('the Markdown paragraph around an image URL', () => {
  test('an image alone in its paragraph: the heading, the paragraph before and after, and the link it sits in', () => {
    const markdown = `## Where to start\n\nPark at the **north** lot.\n\n[![map](${FILE.url})](https://maps.example.com/trail)\n\nFollow the [white blazes](https://x).`;
    expect(aroundFile(markdownToText(markdown), FILE)).toEqual({
      pieces: ['Where to start', 'Park at the north lot.', 'Follow the white blazes.'],
      link: 'https://maps.example.com/trail',
    });
  });

  test('an image inside a paragraph brings the words of that paragraph', () => {
    const markdown = `Intro.\n\nThe summit ![view](${FILE.url} "North face") at sunset.`;
    expect(aroundFile(markdownToText(markdown), FILE)?.pieces).toEqual(['Intro.', 'The summit at sunset.']);
  });

  test('an HTML image in a link, a resized format of the file, and a heading with no blank line after it', () => {
    const small = FILE.url!.replace('trail_', 'small_trail_');
    const markdown = `# Gear\n<a href="/shop/boots"><img src="${small}" alt=""></a>\nBoots for wet rock.`;
    expect(aroundFile(markdownToText(markdown), FILE)).toEqual({ pieces: ['Gear', 'Boots for wet rock.'], link: '/shop/boots' });
  });

  test('every image of a text, in order, for the entry side', () => {
    const markdown = `![a](${FILE.url})\n\ntext\n\n<img src="${OTHER.url}">`;
    expect(imagesOf(markdownToText(markdown)).map((block) => block.url)).toEqual([FILE.url, OTHER.url]);
    expect(markdownToText(null)).toEqual([]);
  });
});
