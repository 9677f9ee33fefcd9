import { ALT_TEXT_WHITESPACE, isAltTextMissing, stripAltTextWhitespace } from '../../../server/src/alt-text/missing';

describe('what counts as missing alt text', () => {
  test.each([
    [null, 'cat.png'],
    [undefined, 'cat.png'],
    ['', 'cat.png'],
    ['   ', 'cat.png'],
    ['\u00a0', 'cat.png'],
    [' \t\n\u000b\f\r\u00a0', 'cat.png'],
    ['cat.png', 'cat.png'],
    ['cat', 'cat.png'],
    ['\tcat\n', 'cat.png'],
    ['cat', ' cat.png\u00a0'],
    ['photo.tar', 'photo.tar.gz'],
    ['README', 'README'],
    ['photo.', 'photo.'],
  ])('%p for %p is missing', (alt, name) => expect(isAltTextMissing(alt, name)).toBe(true));

  test.each([
    ['A tabby cat asleep on a red sofa', 'cat.png'],
    ['cat.jpg', 'cat.png'],
    ['Cat', 'cat.png'],
    ['photo', 'photo.tar.gz'],
    ['photo', 'photo.'],
    ['my_photo', 'my-photo.png'],
    ['A cat', null],
    // JS trim() strips these; the rule's whitespace does not include them.
    ['\u2003cat', 'cat.png'],
    ['\ufeff', 'cat.png'],
    ['\u2028', 'cat.png'],
  ])('%p for %p was written by someone and is kept', (alt, name) => expect(isAltTextMissing(alt, name)).toBe(false));

  test('whitespace is exactly seven characters, stripped at both ends only', () => {
    expect([...ALT_TEXT_WHITESPACE].map((char) => char.charCodeAt(0))).toEqual([0x20, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0xa0]);
    expect(stripAltTextWhitespace(`${ALT_TEXT_WHITESPACE}a ${ALT_TEXT_WHITESPACE}b${ALT_TEXT_WHITESPACE}`)).toBe(`a ${ALT_TEXT_WHITESPACE}b`);
    expect(stripAltTextWhitespace('\u3000a\u3000')).toBe('\u3000a\u3000');
  });
});
