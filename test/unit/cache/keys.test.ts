import { askedHowOf, cacheKeyOf, contextDigest, settingsDigest } from '../../../server/src/cache/keys';
import { defaultConfig } from '../../../server/src/config';
import type { EntryContext } from '../../../server/src/providers/types';

const config = { ...defaultConfig({ env: () => undefined }), provider: 'openai' as const, model: 'gpt-4o-mini', baseUrl: 'https://api.example/v1' };
const entry = (documentId: string, title: string): EntryContext => ({
  uid: 'api::article.article', documentId, locale: 'en', typeName: 'Article', title, nearbyText: null, link: null, seo: null, ecommerce: null, field: 'cover',
});
const key = (overrides: Partial<Parameters<typeof cacheKeyOf>[0]> = {}) =>
  cacheKeyOf({ fingerprint: 'sha256:aa', settings: settingsDigest(askedHowOf(config, { name: 'openai' })), lang: 'en', context: contextDigest([]), ...overrides });

describe('what a cached text is kept under', () => {
  test('every part of the question changes the key: bytes, language, context, provider, model, style, keywords, prompt, length', () => {
    const base = key();
    expect(key({ fingerprint: 'sha256:bb' })).not.toBe(base);
    expect(key({ lang: 'de' })).not.toBe(base);
    expect(key({ context: contextDigest([entry('a', 'Spring sale')]) })).not.toBe(base);
    const variants = [
      askedHowOf(config, { name: 'alttextlab' }),
      askedHowOf({ ...config, model: 'llava' }, { name: 'openai' }),
      askedHowOf({ ...config, baseUrl: 'https://other.example/v1' }, { name: 'openai' }),
      askedHowOf({ ...config, style: 'descriptive' }, { name: 'openai' }),
      askedHowOf({ ...config, keywords: ['shoes'] }, { name: 'openai' }),
      askedHowOf({ ...config, promptTemplate: 'Describe {lang}' }, { name: 'openai' }),
      askedHowOf({ ...config, maxLength: 120 }, { name: 'openai' }),
      askedHowOf({ ...config, context: 'an outdoor shop' }, { name: 'openai' }),
    ];
    const keys = variants.map((how) => key({ settings: settingsDigest(how) }));
    expect(new Set([base, ...keys]).size).toBe(keys.length + 1);
  });

  test('the same question is the same key: language case, the order entries are listed in, and the file name do not matter', () => {
    expect(key({ lang: 'EN' })).toBe(key({ lang: 'en' }));
    const a = entry('a', 'Spring sale');
    const b = entry('b', 'Hiking boots');
    expect(contextDigest([a, b])).toBe(contextDigest([b, a]));
    expect(contextDigest(undefined)).toBe(contextDigest([]));
    // A model and prompt are only part of an OpenAI-compatible question.
    expect(settingsDigest(askedHowOf({ ...config, model: 'x' }, { name: 'alttextlab' }))).toBe(settingsDigest(askedHowOf(config, { name: 'alttextlab' })));
  });
});
