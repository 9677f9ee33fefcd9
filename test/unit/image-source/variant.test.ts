import { chooseVariant, renditionOf } from '../../../server/src/image-source/variant';
import type { StoredFile, StoredObject } from '../../../server/src/image-source/types';

const format = (name: string, width: number, height: number, size: number): StoredObject => ({
  hash: `${name}_photo_abc`,
  ext: '.jpg',
  mime: 'image/jpeg',
  url: `https://cdn.example.com/${name}_photo_abc.jpg`,
  width,
  height,
  size,
});

/** A 4000×3000 photo with the formats Strapi generates by default (breakpoints 1000/750/500 px wide). */
const landscape: StoredFile = {
  id: 1,
  name: 'photo.jpg',
  hash: 'photo_abc',
  ext: '.jpg',
  mime: 'image/jpeg',
  url: 'https://cdn.example.com/photo_abc.jpg',
  width: 4000,
  height: 3000,
  size: 3200,
  formats: {
    thumbnail: format('thumbnail', 208, 156, 8),
    small: format('small', 500, 375, 40),
    medium: format('medium', 750, 563, 80),
    large: format('large', 1000, 750, 140),
  },
};

describe('sending a generated format instead of the original', () => {
  test('a landscape photo is sent as "large": "medium" (750 px) is under the 768 px a vision model looks at', () => {
    expect(chooseVariant(landscape)).toEqual({ variant: 'large', object: landscape.formats?.large });
  });

  test('a portrait photo is sent as "medium", which is already 1000 px tall', () => {
    const portrait: StoredFile = {
      ...landscape,
      width: 3000,
      height: 4000,
      formats: { medium: format('medium', 750, 1000, 90), large: format('large', 1000, 1333, 150) },
    };
    expect(chooseVariant(portrait).variant).toBe('medium');
  });

  test('without generated formats the original is sent', () => {
    expect(chooseVariant({ ...landscape, formats: null })).toEqual({ variant: 'original', object: { ...landscape, formats: null } });
  });

  test('small and thumbnail are never sent: too small to describe', () => {
    const onlySmall = { ...landscape, formats: { small: landscape.formats?.small, thumbnail: landscape.formats?.thumbnail } };
    expect(chooseVariant(onlySmall).variant).toBe('original');
  });

  test('a format heavier than the original is not a saving', () => {
    const heavy = { ...landscape, size: 100, formats: { large: format('large', 1000, 750, 140) } };
    expect(chooseVariant(heavy).variant).toBe('original');
  });

  test('with a small inline edge, "medium" is big enough', () => {
    expect(chooseVariant(landscape, 512).variant).toBe('medium');
  });

  test('a signed URL can name any rendition the file has, and none it has not', () => {
    expect(renditionOf(landscape, 'original')).toBe(landscape);
    expect(renditionOf(landscape, 'thumbnail')).toBe(landscape.formats?.thumbnail);
    expect(renditionOf({ ...landscape, formats: null }, 'large')).toBeUndefined();
  });
});
