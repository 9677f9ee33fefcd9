import { cleanAltText } from '../../../server/src/utils/clean-alt-text';

describe('cleaning provider output', () => {
  test('trims, collapses whitespace and removes wrapping quotes', () => {
    expect(cleanAltText('  "A  red\n bicycle\tagainst a wall"  ')).toBe('A red bicycle against a wall');
  });

  test.each(['Image of a cat on a sofa', 'Picture of a cat on a sofa', 'A photo of a cat on a sofa', 'An image showing a cat on a sofa'])(
    '"%s" loses its opener',
    (raw) => expect(cleanAltText(raw)).toBe('A cat on a sofa')
  );

  test('cuts at a word boundary, never mid-word, within the maximum length', () => {
    const text = cleanAltText('A long description of a harbour at dawn with fishing boats', 30);
    expect(text.length).toBeLessThanOrEqual(30);
    expect('A long description of a harbour at dawn with fishing boats'.startsWith(text)).toBe(true);
    expect(text).toBe('A long description of a');
  });

  test('returns empty text when nothing useful is left, so the caller can refuse it', () => {
    expect(cleanAltText('  ""  ')).toBe('');
  });
});
