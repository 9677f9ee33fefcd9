import { cleanAltText } from '../../../server/src/alt-text/clean';

describe('cleaning provider output', () => {
  test('trims, collapses whitespace and removes wrapping quotes', () => {
    expect(cleanAltText('  "A  red\n bicycle\tagainst a wall"  ')).toBe('A red bicycle against a wall');
  });

  test.each(['“A red bicycle”', "'A red bicycle'", '«A red bicycle»', '`A red bicycle`'])('%s loses its wrapping quotes', (raw) =>
    expect(cleanAltText(raw)).toBe('A red bicycle')
  );

  test('keeps quotes that belong to the text', () => {
    expect(cleanAltText('A print of "The Scream"')).toBe('A print of "The Scream"');
    expect(cleanAltText('"Open" sign beside a "Closed" sign')).toBe('"Open" sign beside a "Closed" sign');
  });

  test.each([
    'Image of a cat on a sofa',
    'Picture of a cat on a sofa',
    'A photo of a cat on a sofa',
    'An image showing a cat on a sofa',
    'This image shows a cat on a sofa',
    'A photograph depicting a cat on a sofa',
  ])('"%s" loses its opener', (raw) => expect(cleanAltText(raw)).toBe('A cat on a sofa'));

  test.each(['Alt text: A cat on a sofa', '**Alt text:** "A cat on a sofa"', "Here's the alt text for this image: A cat on a sofa"])(
    'a chat model\'s label "%s" is removed',
    (raw) => expect(cleanAltText(raw)).toBe('A cat on a sofa')
  );

  test('control and zero-width characters become spaces', () => {
    expect(cleanAltText('A cat\u200b on\u0000a sofa')).toBe('A cat on a sofa');
  });

  test('cuts at a word boundary within the maximum length, without a dangling "of a"', () => {
    const full = 'A long description of a harbour at dawn with fishing boats';
    const text = cleanAltText(full, 30);
    expect(text).toBe('A long description');
    expect(full.startsWith(text)).toBe(true);
  });

  test('text within the limit is left whole, final full stop included', () => {
    expect(cleanAltText('A cat on a sofa.', 250)).toBe('A cat on a sofa.');
  });

  test('a truncated answer loses its last, possibly cut, word', () => {
    expect(cleanAltText('A fishing boat in the harb', 250, { truncated: true })).toBe('A fishing boat');
  });

  test('returns empty text when nothing useful is left, so the caller can refuse it', () => {
    expect(cleanAltText('  ""  ')).toBe('');
    expect(cleanAltText('Alt text:')).toBe('');
    expect(cleanAltText('Harbour', 250, { truncated: true })).toBe('');
  });
});
