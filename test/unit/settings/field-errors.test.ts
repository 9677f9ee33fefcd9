import { describeConfigErrors } from '../../../server/src/config';
import { pluginConfigSchema } from '../../../server/src/config/schema';
import { fieldErrorsOf } from '../../../server/src/errors/field-errors';
import { updateSettingsSchema } from '../../../server/src/validation/settings';
import { providerWritesIn } from '../../../shared/languages';
import { fileConfigWith } from './fakes';

/** The field errors of a config with these values over the defaults (a key in force, so only the overrides are wrong). */
const errorsOf = (overrides: Record<string, unknown>) => {
  const parsed = pluginConfigSchema.safeParse({ ...fileConfigWith({ ALT_TEXT_API_KEY: 'k-123456789' }), ...overrides });
  return parsed.success ? [] : fieldErrorsOf(parsed.error.issues);
};

describe('field errors carry a code and its parameters next to the English message', () => {
  test.each([
    [{ concurrency: 33 }, { path: ['concurrency'], code: 'tooBig', params: { max: 32 }, message: 'Too big: expected number to be <=32' }],
    [{ maxLength: 5 }, { path: ['maxLength'], code: 'tooSmall', params: { min: 20 } }],
    [{ concurrency: 1.5 }, { path: ['concurrency'], code: 'notInteger' }],
    [{ maxLength: null }, { path: ['maxLength'], code: 'wrongType', params: { expected: 'number' } }],
    [{ style: 'poetic' }, { path: ['style'], code: 'notOneOf', params: { options: 'descriptive, neutral, matter-of-fact, minimal' } }],
    [{ keywords: ['x'.repeat(101)] }, { path: ['keywords', '0'], code: 'tooLong', params: { max: 100 } }],
    [{ keywords: Array.from({ length: 21 }, (_, index) => `k${index}`) }, { path: ['keywords'], code: 'tooMany', params: { max: 20 } }],
    [{ baseUrl: 'ftp://example.com' }, { path: ['baseUrl'], code: 'invalidBaseUrl' }],
    [{ provider: 'openai', model: undefined }, { path: ['model'], code: 'modelRequired' }],
    [{ lang: 'english!' }, { path: ['lang'], code: 'invalidLanguageCode', message: 'must be a language code such as "en", "de" or "en-gb"' }],
    [{ lang: 'xx' }, { path: ['lang'], code: 'unknownLanguage', params: { lang: 'xx' } }],
  ])('%p → %p', (overrides, expected) => {
    expect(errorsOf(overrides)).toEqual([expect.objectContaining(expected)]);
  });

  test('an unknown key is one error at its own path, coded', () => {
    const parsed = updateSettingsSchema.safeParse({ colour: 'red' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fieldErrorsOf(parsed.error.issues)).toEqual([{ path: ['colour'], message: 'is not a known parameter', code: 'unknownKey' }]);
  });
});

describe('the language rule', () => {
  test.each(['en', 'de', 'pt-br', 'pt-BR', 'en-GB', 'zh-Hans', 'zh-hant', 'fil', 'es-419'])('%s is a known language code, valid at boot', (lang) => {
    expect(describeConfigErrors({ ...fileConfigWith(), lang })).toBeUndefined();
  });

  test.each(['xx', 'xx-yy', 'qq'])('%s is refused at boot, naming the code', (lang) => {
    expect(describeConfigErrors({ ...fileConfigWith(), lang })).toContain(`"lang" "${lang}" is not a known language code`);
  });

  test('AltTextAI writes its twelve languages (regional variants mapped), the others any known language', () => {
    expect(providerWritesIn('alttextai', 'pt-br')).toBe(true);
    expect(providerWritesIn('alttextai', 'sv')).toBe(false);
    expect(providerWritesIn('alttextai', 'zh-hant')).toBe(false);
    expect(providerWritesIn('alttextlab', 'sv')).toBe(true);
    expect(providerWritesIn('openai', 'xx')).toBe(false);
  });
});
