import { isAltTextMissing } from '../../../server/src/write-back/missing-alt-text';

describe('what counts as missing alt text', () => {
  test.each([
    [null, 'cat.png'],
    [undefined, 'cat.png'],
    ['', 'cat.png'],
    ['   ', 'cat.png'],
    ['cat.png', 'cat.png'],
    ['cat', 'cat.png'],
  ])('%p for %s is missing', (alt, name) => expect(isAltTextMissing(alt, name)).toBe(true));

  test.each([
    ['A tabby cat asleep on a red sofa', 'cat.png'],
    ['cat.jpg', 'cat.png'],
  ])('%p for %s was written by someone and is kept', (alt, name) => expect(isAltTextMissing(alt, name)).toBe(false));
});
