// The OpenAI-compatible adapter's generateJudged: one language, with the model asked whether the
// image is decorative (W3C WAI alt decision tree), answered as { decorative, alt } and validated.

import { createOpenAiProvider } from '../../../server/src/providers/openai';
import { DECORATIVE_ANSWER_LEAD } from '../../../server/src/providers/openai/prompt';
import type { AltTextProvider, GenerateRequest } from '../../../server/src/providers/types';
import { expectTypedFailure, type CannedReply } from './fixtures';
import { adapterUnderTest, useProviderServers } from './provider-servers';

const { key: KEY, make } = adapterUnderTest('openai', createOpenAiProvider, { model: 'emulator-vision' });
const FILE = '#7 "harbour.png"';
/** What the emulator says of the 40×30 red PNG in English. */
const PLAIN = 'A 40×30 image dominated by red (#c81414)';

const completion = (content: unknown, finishReason = 'stop'): CannedReply => ({
  status: 200,
  body: { id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }] },
});

interface SentChat {
  response_format?: { type: string };
  messages: Array<{ content: Array<{ type: string; text?: string }> }>;
}

describe('the OpenAI-compatible adapter may answer that an image is decorative (generateJudged)', () => {
  const servers = useProviderServers('openai');

  const request = (fileName = 'harbour.png'): GenerateRequest => ({
    image: { base64: servers.png.toString('base64'), mime: 'image/png' },
    lang: 'en',
    style: 'neutral',
    context: { fileName, site: 'A travel blog' },
    fileLabel: FILE,
  });
  const judged = (provider: AltTextProvider, req: GenerateRequest) => {
    if (!provider.generateJudged) throw new Error('the OpenAI-compatible adapter has no generateJudged');
    return provider.generateJudged(req);
  };
  const promptOf = (index = 0) => (servers.proxy.requests[index].body as SentChat).messages[0].content.find((part) => part.type === 'text')?.text ?? '';
  const expectBad = (promise: Promise<unknown>) => expectTypedFailure(promise, { code: 'BAD_RESPONSE', provider: 'openai', file: FILE, secrets: [KEY] });

  test('a decorative judgement comes back without text, for one call and one credit', async () => {
    await expect(judged(make(servers.emulator.baseUrls.openai), request('divider.png'))).resolves.toEqual({ decorative: true });
    expect(servers.emulator.requests).toHaveLength(1);
    expect(servers.emulator.account(KEY)?.charged).toBe(1);
  });

  test('an image the model does not judge decorative comes back as the text generate would give', async () => {
    const provider = make(servers.emulator.baseUrls.openai);
    await expect(judged(provider, request())).resolves.toEqual({ text: PLAIN });
    await expect(provider.generate(request())).resolves.toBe(PLAIN);
  });

  test('the judgement is asked, in JSON mode, only by generateJudged; generate keeps its plain prompt', async () => {
    const provider = make(servers.proxy.url);
    await judged(provider, request());
    await provider.generate(request());

    const [asked, plain] = servers.proxy.requests.map((call) => call.body as SentChat);
    expect(asked.response_format).toEqual({ type: 'json_object' });
    expect(promptOf(0)).toContain(DECORATIVE_ANSWER_LEAD);
    expect(promptOf(0)).toMatch(/background texture, a divider, an ornament/);
    expect(promptOf(0)).toContain('W3C WAI alt decision tree');
    expect(plain.response_format).toBeUndefined();
    expect(promptOf(1)).not.toContain('decorative');
  });

  test('a server that refuses JSON mode is asked again without it', async () => {
    servers.canned.replies({ status: 400, body: { error: "'response_format.type' must be 'json_schema' or 'text'" } }, completion('{"decorative": false, "alt": "A quay"}'));

    await expect(judged(make(servers.canned.url), request())).resolves.toEqual({ text: 'A quay' });
    expect(servers.canned.requests.map((call) => (call.body as SentChat).response_format)).toEqual([{ type: 'json_object' }, undefined]);
  });

  test('a decorative answer wins over any text it carries; a fenced answer is read', async () => {
    servers.canned.reply(completion('```json\n{"decorative": true, "alt": "A thin grey line"}\n```'));
    await expect(judged(make(servers.canned.url), request())).resolves.toEqual({ decorative: true });
  });

  describe('a malformed answer is BAD_RESPONSE, never repeating the model', () => {
    test('badLanguages: not-json from the emulator', async () => {
      servers.emulator.setFaults({ badLanguages: 'not-json' });
      const error = await expectBad(judged(make(servers.emulator.baseUrls.openai), request()));
      expect(error.message).toContain('was not JSON');
      expect(error.message).not.toMatch(/dominated|#c81414/);
    });

    test.each([
      ['no decorative flag', '{"alt": "A quay"}', 'not {"decorative": boolean, "alt": string}'],
      ['a string flag', '{"decorative": "no", "alt": "A quay"}', 'not {"decorative": boolean, "alt": string}'],
      ['not decorative and no text', '{"decorative": false, "alt": "  "}', 'empty alt text'],
      ['prose', 'This image is decorative.', 'was not JSON'],
    ])('%s', async (_kind, content, problem) => {
      servers.canned.reply(completion(content));
      const error = await expectBad(judged(make(servers.canned.url), request()));
      expect(error.message).toContain(problem);
      expect(error.message).not.toMatch(/quay|This image/);
    });
  });
});
