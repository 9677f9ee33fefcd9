import { checkText, type CheckInput } from '../../../server/src/quality/checks';
import { fileName } from '../../../server/src/quality/checks/file-name';
import { redundantPrefix } from '../../../server/src/quality/checks/redundant-prefix';
import { repeatedWords } from '../../../server/src/quality/checks/repeated-words';
import { tooLong } from '../../../server/src/quality/checks/too-long';
import { urlOrHtml } from '../../../server/src/quality/checks/url-or-html';
import { wrongLanguage } from '../../../server/src/quality/checks/wrong-language';

const input = (text: string, extra: Partial<CheckInput> = {}): CheckInput => ({ text, lang: 'en', fileName: 'bike.jpg', softLimit: 125, ...extra });
const codes = (text: string, extra: Partial<CheckInput> = {}) => checkText(input(text, extra)).map((flag) => flag.code);

describe('quality checks: clean texts pass', () => {
  test.each([
    ['en', 'A red bicycle leaning against a brick wall in the afternoon sun'],
    ['fr', 'Un vélo rouge appuyé contre un mur de briques au soleil de l’après-midi'],
    ['de', 'Ein rotes Fahrrad lehnt an einer Backsteinmauer in der Nachmittagssonne'],
  ])('a good %s text has no flag', (lang, text) => {
    expect(checkText(input(text, { lang }))).toEqual([]);
  });

  test('an empty text (a decorative image) has no flag', () => {
    expect(checkText(input('  '))).toEqual([]);
  });
});

describe('TOO_LONG', () => {
  test('flags a text over the soft limit with its length, and not one at the limit', () => {
    expect(tooLong(input('a'.repeat(126)))).toEqual({ code: 'TOO_LONG', reason: '126 characters (soft limit 125)' });
    expect(tooLong(input('a'.repeat(125)))).toBeNull();
    expect(tooLong(input('Ein Fahrrad', { softLimit: 10 }))?.code).toBe('TOO_LONG');
  });

  test('counts characters, not UTF-16 units (an emoji is one)', () => {
    expect(tooLong(input('😀'.repeat(100), { softLimit: 100 }))).toBeNull();
  });
});

describe('REDUNDANT_PREFIX', () => {
  test.each([
    'Image of a red bicycle',
    'A photo of two dogs on a beach',
    'Picture showing a mountain lake',
    'Une image de vélo rouge',
    'Photo d’un chien sur la plage',
    'Bild von einem roten Fahrrad',
    'Ein Foto von zwei Hunden am Strand',
    'Foto eines Sees in den Bergen',
    'Imagen de una bicicleta roja',
  ])('flags "%s"', (text) => {
    expect(redundantPrefix(input(text))?.code).toBe('REDUNDANT_PREFIX');
  });

  test.each(['Photographer adjusting a tripod', 'Bildschirm mit einem Diagramm', 'Imagination of a child drawn in crayon', 'Two photos of dogs pinned to a wall'])('leaves "%s" alone', (text) => {
    expect(redundantPrefix(input(text))).toBeNull();
  });
});

describe('FILE_NAME', () => {
  test.each(['IMG_2041', 'DSC01234 at the lake', 'PXL_20230612_101500123', 'Red bicycle.jpg', 'hero_banner_final', 'DSCN0042'])('flags "%s"', (text) => {
    expect(fileName(input(text))?.code).toBe('FILE_NAME');
  });

  test("flags the file's own name, whatever the separators and case", () => {
    expect(fileName(input('Red Bicycle 2', { fileName: 'red-bicycle_2.png' }))).toEqual({ code: 'FILE_NAME', reason: 'is the file\'s own name "red-bicycle_2.png"' });
  });

  test.each(['A red bicycle leaning against a wall', 'Ein Zwei-Personen-Zelt im Schnee', 'Une pomme rouge'])('leaves "%s" alone', (text) => {
    expect(fileName(input(text, { fileName: 'IMG_0001.jpg' }))).toBeNull();
  });
});

describe('REPEATED_WORDS', () => {
  test.each([
    ['en', 'Running shoes, red running shoes, blue running shoes'],
    ['en', 'A red red bicycle'],
    ['fr', 'Chaussures de course, chaussures rouges, chaussures bleues'],
    ['de', 'Laufschuhe rot, Laufschuhe blau, Laufschuhe günstig'],
  ])('flags keyword stuffing in %s: "%s"', (_lang, text) => {
    expect(repeatedWords(input(text))?.code).toBe('REPEATED_WORDS');
  });

  test.each(['A red bicycle next to a red door', 'Le chat et le chien dans le jardin', 'Die Katze und der Hund auf der Wiese und im Garten'])('leaves "%s" alone', (text) => {
    expect(repeatedWords(input(text))).toBeNull();
  });
});

describe('URL_OR_HTML', () => {
  test.each(['Logo, see https://example.com/about', 'Visit www.example.org', 'A <b>bold</b> claim', 'Tom &amp; Jerry', 'Caf&#233; au lait', '<img src="x">'])('flags "%s"', (text) => {
    expect(urlOrHtml(input(text))?.code).toBe('URL_OR_HTML');
  });

  test.each(['A 2 < 3 inequality on a blackboard', 'Salt & pepper shakers', 'Hex colour #ff8c00 swatch'])('leaves "%s" alone', (text) => {
    expect(urlOrHtml(input(text))).toBeNull();
  });
});

describe('WRONG_LANGUAGE (tinyld, only when confident)', () => {
  test.each([
    ['de', 'A dog runs across a green meadow'],
    ['fr', 'Woman with a red umbrella on a rainy street'],
    ['en', 'Ein Hund läuft über eine grüne Wiese'],
    ['en', 'Une femme avec un parapluie rouge'],
    ['de', 'Croissant et café sur une table en bois'],
  ])('flags a text asked in %s: "%s"', (lang, text) => {
    expect(wrongLanguage(input(text, { lang }))?.code).toBe('WRONG_LANGUAGE');
  });

  test.each([
    ['en', 'Mountain bike on a trail'],
    ['en', 'Hiking boots on a rocky mountain path'],
    ['en-GB', 'Portrait of a smiling woman in a blue coat'],
    ['fr', 'Bicyclette rouge contre un mur'],
    ['de', 'Kaffeetasse auf dem Tisch neben einem Buch'],
  ])('leaves a %s text in its language alone: "%s"', (lang, text) => {
    expect(wrongLanguage(input(text, { lang }))).toBeNull();
  });

  test('too short to judge: three words are never flagged', () => {
    expect(wrongLanguage(input('Tarte aux pommes', { lang: 'en' }))).toBeNull();
  });
});

describe('checkText', () => {
  test('gathers every flag a text earns, in order', () => {
    expect(codes('Image of IMG_2041 https://x.io shoes shoes', { softLimit: 20 })).toEqual(['TOO_LONG', 'REDUNDANT_PREFIX', 'FILE_NAME', 'REPEATED_WORDS', 'URL_OR_HTML']);
  });
});
