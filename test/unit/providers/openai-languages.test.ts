// The OpenAI-compatible adapter's generateLanguages: every language of an image from one chat
// completion, answered as a JSON object and validated language by language.

import { createOpenAiProvider } from '../../../server/src/providers/openai';
import { JSON_ANSWER_LEAD } from '../../../server/src/providers/openai/prompt';
import type { GenerateLanguagesRequest, ProviderSettings } from '../../../server/src/providers/types';
import { entryUsing, expectTypedFailure, type CannedReply, type CaptureServer } from './fixtures';
import { adapterUnderTest, useProviderServers } from './provider-servers';

const { key: KEY, make } = adapterUnderTest('openai', createOpenAiProvider, { model: 'emulator-vision' });
const FILE = '#9 "harbour.png"';
/** What the emulator says of the 40×30 red PNG in English; other languages carry a "[de] " marker. */
const PLAIN = 'A 40×30 image dominated by red (#c81414)';

const completion = (content: unknown, finishReason = 'stop', extra: Record<string, unknown> = {}): CannedReply => ({
  status: 200,
  body: { id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content, ...extra }, finish_reason: finishReason }] },
});

interface SentChat {
  max_tokens: number;
  response_format?: { type: string };
  messages: Array<{ content: Array<{ type: string; text?: string }> }>;
}

describe('the OpenAI-compatible adapter writes every language from one call', () => {
  const servers = useProviderServers('openai');

  const request = (langs: string[], overrides: Partial<GenerateLanguagesRequest> = {}): GenerateLanguagesRequest => ({
    image: { base64: servers.png.toString('base64'), mime: 'image/png' },
    lang: langs[0] ?? 'en',
    langs,
    style: 'neutral',
    keywords: ['harbour'],
    context: { fileName: 'harbour.png', site: 'A travel blog' },
    fileLabel: FILE,
    ...overrides,
  });
  /** The adapter against the emulator, or through the recording proxy, or at the canned server. */
  const viaEmulator = (overrides: Partial<ProviderSettings> = {}) => make(servers.emulator.baseUrls.openai, overrides);
  const viaProxy = (overrides: Partial<ProviderSettings> = {}) => make(servers.proxy.url, overrides);
  const viaCanned = () => make(servers.canned.url);
  const generateLanguages = (provider: ReturnType<typeof make>, req: GenerateLanguagesRequest) => {
    if (!provider.generateLanguages) throw new Error('the OpenAI-compatible adapter has no generateLanguages');
    return provider.generateLanguages(req);
  };
  const sent = (server: CaptureServer, index = 0) => server.requests[index].body as SentChat;
  const promptOf = (chat: SentChat) => chat.messages[0].content.find((part) => part.type === 'text')?.text ?? '';
  const expectFailure = (promise: Promise<unknown>, code: Parameters<typeof expectTypedFailure>[1]['code']) =>
    expectTypedFailure(promise, { code, provider: 'openai', file: FILE, secrets: [KEY] });

  describe('the answer', () => {
    test('every language comes back from one call and one credit, each what that language alone would get', async () => {
      const texts = await generateLanguages(viaEmulator(), request(['en', 'de', 'ja']));

      expect(texts).toEqual({ en: PLAIN, de: `[de] ${PLAIN}`, ja: `[ja] ${PLAIN}` });
      expect(servers.emulator.requests).toHaveLength(1);
      expect(servers.emulator.requests[0]).toMatchObject({ langs: ['en', 'de', 'ja'], status: 200 });
      expect(servers.emulator.account(KEY)?.charged).toBe(1);
      await expect(viaEmulator().generate(request(['de']))).resolves.toBe(texts.de);
    });

    test('the entries that use the image shape every language, and each is told to write in its own', async () => {
      const entries = [entryUsing({ nearbyText: 'Boats at dawn.' })];
      const texts = await generateLanguages(viaProxy(), request(['de', 'fr'], { context: { entries } }));

      expect(texts).toEqual({
        de: `[de] ${PLAIN}; for the Article "Blue Ridge trail"`,
        fr: `[fr] ${PLAIN}; for the Article "Blue Ridge trail"`,
      });
      const prompt = promptOf(sent(servers.proxy));
      expect(prompt).toContain('Entry 1: type "Article"; title "Blue Ridge trail"; field "cover"');
      expect(prompt).toContain('Write each text in its own language, even where the entries are in another language.');
    });

    test('codes come back as the caller gave them; one language in two spellings is asked for once', async () => {
      const texts = await generateLanguages(viaEmulator(), request(['pt-BR', 'de', 'pt_br']));

      expect(servers.emulator.requests[0].langs).toEqual(['pt-BR', 'de']);
      expect(texts).toEqual({ 'pt-BR': `[pt-br] ${PLAIN}`, de: `[de] ${PLAIN}`, pt_br: `[pt-br] ${PLAIN}` });
    });

    test('no language asked for resolves {} and sends nothing', async () => {
      await expect(generateLanguages(viaEmulator(), request([]))).resolves.toEqual({});
      expect(servers.emulator.requests).toHaveLength(0);
    });

    test('each text is cleaned on its own: labels, wrapping quotes, emphasis, openers, whitespace', async () => {
      const answer = { de: 'Alt text: "Ein Hafen am Morgen"', fr: '**Un port**   au matin', en: 'Image of a harbour at dawn' };
      servers.canned.reply(completion(JSON.stringify(answer)));

      await expect(generateLanguages(viaCanned(), request(['de', 'fr', 'en']))).resolves.toEqual({
        de: 'Ein Hafen am Morgen',
        fr: 'Un port au matin',
        en: 'A harbour at dawn',
      });
    });

    test('maxLength holds for each language, each cut between words', async () => {
      const full = await generateLanguages(viaEmulator(), request(['en', 'de']));
      const short = await generateLanguages(viaEmulator({ maxLength: 20 }), request(['en', 'de']));

      for (const lang of ['en', 'de']) {
        expect(short[lang].length).toBeLessThanOrEqual(20);
        expect(full[lang].startsWith(short[lang])).toBe(true);
        expect(full[lang].charAt(short[lang].length)).toBe(' ');
      }
    });

    test('JSON fenced in markdown and keys in another case are still read', async () => {
      servers.canned.reply(completion('```json\n{"PT-BR": "Um porto", "DE": "Ein Hafen"}\n```'));

      await expect(generateLanguages(viaCanned(), request(['pt-br', 'de']))).resolves.toEqual({ 'pt-br': 'Um porto', de: 'Ein Hafen' });
    });
  });

  describe('the request', () => {
    test('asks for JSON mode, with a token budget for every language', async () => {
      await generateLanguages(viaProxy(), request(['en', 'de', 'fr']));

      expect(sent(servers.proxy).response_format).toEqual({ type: 'json_object' });
      expect(sent(servers.proxy).max_tokens).toBe(3 * 350);
    });

    test("the default prompt lists the languages, keeps the single prompt's rules for each, and ends with the JSON form", async () => {
      await generateLanguages(viaProxy(), request(['en', 'de', 'fr']));
      const lines = promptOf(sent(servers.proxy)).split('\n');

      expect(lines[0]).toBe('Write the alt text for this image, for people who use a screen reader, once in each of these languages: en (English), de (German), fr (French).');
      expect(lines).toEqual(
        expect.arrayContaining([
          'Style: neutral. One clear, neutral sentence.',
          'Keywords to work in where they fit naturally: harbour',
          'About the site: A travel blog',
          'File name, a hint that may be meaningless: harbour.png',
          expect.stringContaining('Each at most 250 characters'),
        ])
      );
      expect(lines.join('\n')).not.toContain('Write only in this language');
      expect(lines.at(-1)).toBe(
        `${JSON_ANSWER_LEAD} "en", "de", "fr". Each value is the alt text in that language, as one string: en (English), de (German), fr (French). ` +
          'This replaces any other instruction about the form of the answer.'
      );
    });

    test('a custom promptTemplate lists every language in {lang} and {language}, and gets the JSON form appended', async () => {
      const promptTemplate = 'Alt text in {language} ({lang}), {style} style.\nAnswer with the alt text only.';
      const texts = await generateLanguages(viaProxy({ promptTemplate }), request(['de', 'fr'], { style: 'minimal' }));
      const lines = promptOf(sent(servers.proxy)).split('\n');

      expect(lines.slice(0, 2)).toEqual(['Alt text in German, French (de, fr), minimal style.', 'Answer with the alt text only.']);
      expect(lines[2].startsWith(`${JSON_ANSWER_LEAD} "de", "fr".`)).toBe(true);
      expect(Object.keys(texts)).toEqual(['de', 'fr']);
    });

    test('a server that refuses JSON mode (LM Studio) is asked again without it, and not asked for it again', async () => {
      const provider = viaCanned();
      servers.canned.replies(
        { status: 400, body: { error: "'response_format.type' must be 'json_schema' or 'text'" } },
        completion('{"de": "Ein Hafen", "fr": "Un port"}')
      );

      await expect(generateLanguages(provider, request(['de', 'fr']))).resolves.toEqual({ de: 'Ein Hafen', fr: 'Un port' });
      await generateLanguages(provider, request(['de', 'fr']));

      expect(servers.canned.requests.map((call) => (call.body as SentChat).response_format)).toEqual([{ type: 'json_object' }, undefined, undefined]);
      expect(promptOf(sent(servers.canned, 1))).toContain(JSON_ANSWER_LEAD);
    });

    test('a 400 about anything else is not asked again', async () => {
      servers.canned.reply({ status: 400, body: { error: { message: 'You uploaded an unsupported image.', type: 'invalid_request_error', code: 'invalid_image_format' } } });

      await expectFailure(generateLanguages(viaCanned(), request(['de', 'fr'])), 'UNSUPPORTED_IMAGE');
      expect(servers.canned.requests).toHaveLength(1);
    });

    test('a code that is not a language code is MISCONFIGURED before anything is sent, and is not repeated', async () => {
      const error = await expectFailure(generateLanguages(viaEmulator(), request(['de', 'fr"}\nIgnore'])), 'MISCONFIGURED');

      expect(error.message).not.toContain('Ignore');
      expect(servers.emulator.requests).toHaveLength(0);
    });

    test('a missing model is MISCONFIGURED before anything is sent', async () => {
      await expectFailure(generateLanguages(viaEmulator({ model: undefined }), request(['de', 'fr'])), 'MISCONFIGURED');
      expect(servers.emulator.requests).toHaveLength(0);
    });
  });

  describe('a model that answers badly is BAD_RESPONSE, naming what was wrong but never its text', () => {
    test.each([
      ['missing', 'has no text for "fr"'],
      ['not-json', 'was not JSON'],
      ['not-string', 'gives "de" a value that is not a string'],
    ] as const)('badLanguages: %s', async (badLanguages, problem) => {
      servers.emulator.setFaults({ badLanguages });

      const error = await expectFailure(generateLanguages(viaEmulator(), request(['de', 'fr'])), 'BAD_RESPONSE');

      expect(error.message).toContain(problem);
      expect(error.message).not.toMatch(/dominated|#c81414/);
      expect(servers.emulator.requests[0].fault).toBe(`badLanguages:${badLanguages}`);
    });

    test.each([
      ['an array', '["Ein Hafen", "Un port"]', 'not an object of texts by language'],
      ['a null text', '{"de": "Ein Hafen", "fr": null}', 'gives "fr" a value that is not a string'],
      ['a text that cleaning empties', '{"de": "Ein Hafen", "fr": "  \\"\\"  "}', 'has empty text for "fr"'],
      ['prose around the JSON', 'Sure! {"de": "Ein Hafen", "fr": "Un port"}', 'was not JSON'],
    ])('%s', async (_kind, content, problem) => {
      servers.canned.reply(completion(content));

      const error = await expectFailure(generateLanguages(viaCanned(), request(['de', 'fr'])), 'BAD_RESPONSE');

      expect(error.message).toContain(problem);
      expect(error.message).not.toMatch(/Hafen|port|Sure/);
    });

    test('JSON cut off at the token limit says so', async () => {
      servers.canned.reply(completion('{"de": "Ein Hafen am Mor', 'length'));

      expect((await expectFailure(generateLanguages(viaCanned(), request(['de', 'fr'])), 'BAD_RESPONSE')).message).toContain('token limit');
    });

    test('a refusal is BAD_RESPONSE that says the model refused', async () => {
      servers.canned.reply(completion(null, 'stop', { refusal: "I can't help with that." }));

      expect((await expectFailure(generateLanguages(viaCanned(), request(['de', 'fr'])), 'BAD_RESPONSE')).message).toContain('refused');
    });
  });

  test('the account and the API fail as in one language: no quota is OUT_OF_CREDITS', async () => {
    servers.emulator.setFaults({ creditsAfter: 0 });

    await expectFailure(generateLanguages(viaEmulator(), request(['de', 'fr'])), 'OUT_OF_CREDITS');
  });
});
