import { startEmulator, type Emulator } from '../../../emulator/server';
import { call, serveBytes, solidPng, startImageHost, type ImageHost } from './helpers';

const KEY = 'sk-emulator-8888';

interface Completion {
  object?: string;
  model?: string;
  choices?: Array<{ message?: { role: string; content: string }; finish_reason: string }>;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  error?: { message: string; type: string; param: string | null; code: string | null };
}

function chat(imageUrl: string, prompt = 'Write alt text for this image.', extra: Record<string, unknown> = {}) {
  return {
    model: 'gpt-4o-mini',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: prompt },
          { type: 'image_url', image_url: { url: imageUrl } },
        ],
      },
    ],
    ...extra,
  };
}

describe('OpenAI-compatible vision emulator', () => {
  let emulator: Emulator;
  let host: ImageHost;
  let dataUrl: string;

  beforeAll(async () => {
    const red = await solidPng(64, 48, '#d01818');
    dataUrl = `data:image/png;base64,${red.toString('base64')}`;
    host = await startImageHost({ '/red.png': serveBytes(red) });
  });
  afterAll(() => host.close());

  beforeEach(async () => {
    emulator = await startEmulator({ accounts: [{ key: KEY, credits: 3 }] });
  });
  afterEach(() => emulator.close());

  const complete = (body: unknown, key = KEY) =>
    call<Completion>(`${emulator.baseUrls.openai}/chat/completions`, { headers: { authorization: `Bearer ${key}` }, body });

  it('answers a data: URL image with a chat completion describing it', async () => {
    const response = await complete(chat(dataUrl));

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ object: 'chat.completion', model: 'gpt-4o-mini' });
    expect(response.body.choices?.[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: 'A 64×48 image dominated by red (#d01818)' },
      finish_reason: 'stop',
    });
    expect(response.body.usage?.total_tokens).toBeGreaterThan(0);
    expect(emulator.account(KEY)?.charged).toBe(1);
  });

  it('fetches an http image URL', async () => {
    const response = await complete(chat(`${host.url}/red.png`));

    expect(response.body.choices?.[0].message?.content).toContain('64×48');
    expect(emulator.requests[0]).toMatchObject({ provider: 'openai', imageSource: 'url', imageFetchStatus: 200 });
  });

  it('reads the language from the prompt', async () => {
    const byCode = await complete(chat(dataUrl, 'Alt text please. Language: de'));
    const byName = await complete(chat(dataUrl, 'Write the alt text in French.'));

    expect(byCode.body.choices?.[0].message?.content).toMatch(/^\[de\] /);
    expect(byName.body.choices?.[0].message?.content).toMatch(/^\[fr\] /);
  });

  describe('the entry that uses the image, read from the prompt', () => {
    const block = (...lines: string[]) => ['Alt text please.', '<entry-context>', ...lines, '</entry-context>', 'Answer briefly.'].join('\n');

    it('records the prompt it was sent', async () => {
      await complete(chat(dataUrl, 'Alt text please. Language: de'));

      expect(emulator.requests[0]).toMatchObject({ prompt: 'Alt text please. Language: de', lang: 'de' });
    });

    it('names the first entry of the entry-context block in its answer', async () => {
      const prompt = block(
        'Entry 1: type "Article"; title "Blue Ridge \\"North\\" trail"; field "cover"',
        'Entry 2: type "Product"; title "Trail Runner 2"',
      );
      const response = await complete(chat(dataUrl, prompt));

      expect(response.body.choices?.[0].message?.content).toBe('A 64×48 image dominated by red (#d01818); for the Article "Blue Ridge "North" trail"');
      expect(emulator.requests[0].result).toBe(response.body.choices?.[0].message?.content);
    });

    it('answers the plain description when the prompt has no block, or a block without a title', async () => {
      const free = await complete(chat(dataUrl, 'This image is on the Article "Blue Ridge trail". Entry 1: type "Article"; title "Blue Ridge trail"'));
      const untitled = await complete(chat(dataUrl, block('Entry 1: type "Article"; field "cover"')));

      expect(free.body.choices?.[0].message?.content).toBe('A 64×48 image dominated by red (#d01818)');
      expect(untitled.body.choices?.[0].message?.content).toBe('A 64×48 image dominated by red (#d01818)');
    });
  });

  describe('several languages from one prompt', () => {
    const LEAD = 'Answer with one JSON object and nothing else. Its keys are exactly these language codes:';
    const asking = (...langs: string[]) => `Write alt text.\n${LEAD} ${langs.map((lang) => JSON.stringify(lang)).join(', ')}. Each value is a string.`;
    const contentOf = (response: { body: Completion }) => response.body.choices?.[0].message?.content ?? '';

    it('answers a JSON object with one text per language, each what that language alone gets, for one credit', async () => {
      const response = await complete(chat(dataUrl, asking('en', 'de', 'ja'), { response_format: { type: 'json_object' } }));
      const german = await complete(chat(dataUrl, 'Alt text please. Language: de'));

      expect(response.status).toBe(200);
      expect(JSON.parse(contentOf(response))).toEqual({
        en: 'A 64×48 image dominated by red (#d01818)',
        de: '[de] A 64×48 image dominated by red (#d01818)',
        ja: '[ja] A 64×48 image dominated by red (#d01818)',
      });
      expect(JSON.parse(contentOf(response)).de).toBe(contentOf(german));
      expect(emulator.account(KEY)?.charged).toBe(2);
      expect(emulator.requests[0]).toMatchObject({ langs: ['en', 'de', 'ja'], result: contentOf(response) });
      expect(emulator.requests[0].lang).toBeUndefined();
    });

    it('answers in JSON whether or not JSON mode was asked for, and names the entry in every language', async () => {
      const prompt = ['<entry-context>', 'Entry 1: type "Article"; title "Harbour"', '</entry-context>', asking('fr', 'it')].join('\n');

      const response = await complete(chat(dataUrl, prompt));

      expect(JSON.parse(contentOf(response))).toEqual({
        fr: '[fr] A 64×48 image dominated by red (#d01818); for the Article "Harbour"',
        it: '[it] A 64×48 image dominated by red (#d01818); for the Article "Harbour"',
      });
    });

    it("refuses JSON mode for a prompt without the word JSON, and a response_format type it does not know, as OpenAI does", async () => {
      const withoutWord = await complete(chat(dataUrl, 'Alt text please.', { response_format: { type: 'json_object' } }));
      const unknown = await complete(chat(dataUrl, asking('de'), { response_format: { type: 'yaml' } }));

      expect(withoutWord.status).toBe(400);
      expect(withoutWord.body.error).toMatchObject({ type: 'invalid_request_error', param: 'messages' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toMatchObject({ param: 'response_format' });
      expect(emulator.account(KEY)?.charged).toBe(0);
    });

    it.each([
      ['missing', (content: string) => expect(JSON.parse(content)).toEqual({ de: expect.stringMatching(/^\[de\] /) })],
      ['not-json', (content: string) => expect(() => JSON.parse(content) as unknown).toThrow()],
      ['not-string', (content: string) => expect(JSON.parse(content)).toEqual({ de: { text: expect.stringMatching(/^\[de\] /) }, fr: expect.stringMatching(/^\[fr\] /) })],
    ] as const)('the badLanguages fault %s botches the languages, still as a well-formed completion', async (badLanguages, check) => {
      emulator.setFaults({ badLanguages });

      const response = await complete(chat(dataUrl, asking('de', 'fr')));

      expect(response.status).toBe(200);
      check(contentOf(response));
      expect(emulator.requests[0].fault).toBe(`badLanguages:${badLanguages}`);
    });

    it('the badLanguages fault leaves a one-language answer alone', async () => {
      emulator.setFaults({ badLanguages: 'not-json' });

      const response = await complete(chat(dataUrl, 'Alt text please. Language: de'));

      expect(contentOf(response)).toBe('[de] A 64×48 image dominated by red (#d01818)');
      expect(emulator.requests[0].fault).toBeUndefined();
    });
  });

  it('cuts the text at max_tokens and says so in finish_reason', async () => {
    const response = await complete(chat(dataUrl, undefined, { max_tokens: 3 }));

    expect(response.body.choices?.[0].message?.content).toBe('A 64×48 imag');
    expect(response.body.choices?.[0].finish_reason).toBe('length');
  });

  it('answers 401 in OpenAI’s error shape for a wrong key', async () => {
    const response = await complete(chat(dataUrl), 'sk-wrong');

    expect(response.status).toBe(401);
    expect(response.body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key' });
  });

  it('answers a rate-limit fault with 429, retry-after and rate_limit_exceeded', async () => {
    emulator.setFaults({ status: 429, retryAfterSeconds: 2 });

    const response = await complete(chat(dataUrl));

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.body.error?.code).toBe('rate_limit_exceeded');
  });

  it('answers a 500 fault with a server_error', async () => {
    emulator.setFaults({ status: 500, times: 1 });

    const failed = await complete(chat(dataUrl));
    const retried = await complete(chat(dataUrl));

    expect(failed.status).toBe(500);
    expect(failed.body.error?.type).toBe('server_error');
    expect(retried.status).toBe(200);
  });

  it('answers 429 insufficient_quota once the account’s credits are spent', async () => {
    emulator.addAccount({ key: KEY, credits: 0 });

    const response = await complete(chat(dataUrl));

    expect(response.status).toBe(429);
    expect(response.body.error?.code).toBe('insufficient_quota');
  });

  it('answers 400 invalid_image_url for an unreachable image without echoing its URL', async () => {
    const response = await complete(chat(`${host.url}/gone.png?sig=private-bits`));

    expect(response.status).toBe(400);
    expect(response.body.error?.code).toBe('invalid_image_url');
    expect(response.body.error?.message).toContain('404');
    expect(JSON.stringify(response.body)).not.toContain('private-bits');
    expect(emulator.account(KEY)?.charged).toBe(0);
  });

  it('answers 400 when the messages hold no image', async () => {
    const response = await complete({ model: 'x', messages: [{ role: 'user', content: 'hello' }] });

    expect(response.status).toBe(400);
    expect(response.body.error?.type).toBe('invalid_request_error');
  });

  it('lists the emulator model for a valid key', async () => {
    const response = await call<{ data: Array<{ id: string }> }>(`${emulator.baseUrls.openai}/models`, {
      headers: { authorization: `Bearer ${KEY}` },
    });

    expect(response.status).toBe(200);
    expect(response.body.data.map((m) => m.id)).toEqual(['emulator-vision']);
  });
});
