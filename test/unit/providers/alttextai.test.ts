import { ALTTEXTAI_BASE_URL, createAltTextAiProvider } from '../../../server/src/providers/alttextai';
import { toAltTextAiLanguage } from '../../../server/src/providers/alttextai/language';
import type { GenerateRequest } from '../../../server/src/providers/types';
import { runProviderContract } from './contract';
import { entryUsing, expectTypedFailure, failureOf } from './fixtures';
import { adapterUnderTest, useProviderServers } from './provider-servers';

const { key: KEY, make } = adapterUnderTest('alttextai', createAltTextAiProvider);

runProviderContract({
  name: 'alttextai',
  make,
  supports: { url: true, base64: true, credits: true },
  languages: { refused: ['fi', 'zh-hant'], severalInOneCall: false },
  successBody: (text) => ({
    success: true,
    results: [{ url: 'https://example.test/a.png', alt_text: text, success: true }],
    credits_remaining: 9,
    processed_count: 1,
  }),
});

describe('the AltTextAI (autoalt.app) adapter, beyond the contract', () => {
  const servers = useProviderServers('alttextai');

  const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
    image: { url: servers.url },
    lang: 'en',
    style: 'neutral',
    fileLabel: '#3 "boat.png"',
    ...overrides,
  });
  const expectFailure = (promise: Promise<unknown>, code: Parameters<typeof expectTypedFailure>[1]['code']) =>
    expectTypedFailure(promise, { code, provider: 'alttextai', file: '#3 "boat.png"', secrets: [KEY, servers.url] });

  test('documents autoalt.app as its default base URL', () => {
    expect(ALTTEXTAI_BASE_URL).toBe('https://autoalt.app/api/v1');
  });

  test('sends a Bearer key and a URL as `urls: [url]` with the language', async () => {
    await make(servers.proxy.url).generate(request());
    const [sent] = servers.proxy.requests;
    expect(sent.path).toBe('/generate');
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body).toEqual({ urls: [servers.url], language: 'en' });
  });

  test('sends inline bytes as plain base64 in `image`, as the seed shows', async () => {
    await make(servers.proxy.url).generate(request({ image: { base64: servers.png.toString('base64'), mime: 'image/png' } }));
    expect(servers.proxy.requests[0].body).toEqual({ image: servers.png.toString('base64'), language: 'en' });
  });

  test('takes only the image and the language: no entry context, keywords or style reach it', async () => {
    const entries = [
      entryUsing({
        nearbyText: 'The path climbs to the ridge.',
        link: 'https://example.test/trails',
        seo: { metaTitle: 'Blue Ridge', metaDescription: 'A hike', keywords: ['hiking'] },
        ecommerce: { product: 'Trail Runner 2', brand: 'Acme' },
      }),
    ];
    await make(servers.proxy.url).generate(
      request({ keywords: ['harbour'], style: 'descriptive', context: { fileName: 'trail.png', site: 'A hiking blog', entries } })
    );
    expect(servers.proxy.requests[0].body).toEqual({ urls: [servers.url], language: 'en' });
  });

  describe('its 403, read by its body: no credits, a rate limit, a refused key, or nothing it can act on', () => {
    test('403 "No credits remaining" is OUT_OF_CREDITS', async () => {
      servers.emulator.setFaults({ creditsAfter: 0 });
      const error = await expectFailure(make(servers.emulator.baseUrls.alttextai).generate(request()), 'OUT_OF_CREDITS');
      expect(error.status).toBe(403);
    });

    test('403 "Rate limit exceeded" is RATE_LIMITED, with the Retry-After it sent', async () => {
      servers.emulator.setFaults({ status: 429, retryAfterSeconds: 3 });
      const error = await expectFailure(make(servers.emulator.baseUrls.alttextai).generate(request()), 'RATE_LIMITED');
      expect(error.status).toBe(403);
      expect(error.retryAfterMs).toBe(3000);
    });

    test.each([
      ['No credits remaining', 'OUT_OF_CREDITS'],
      ['Insufficient credits for this request', 'OUT_OF_CREDITS'],
      ['Rate limit exceeded', 'RATE_LIMITED'],
      ['Too many requests, please slow down', 'RATE_LIMITED'],
      ['Invalid or inactive API key', 'INVALID_KEY'],
      ['Account suspended', 'INVALID_KEY'],
      ['Your account has been disabled', 'INVALID_KEY'],
      ['User banned', 'INVALID_KEY'],
      ['This API key has been revoked', 'INVALID_KEY'],
      ['API key expired', 'INVALID_KEY'],
      ['Unauthorised', 'INVALID_KEY'],
      ['Forbidden', 'BAD_RESPONSE'],
      ['Request blocked', 'BAD_RESPONSE'],
    ] as const)('403 { error: %j } is %s', async (message, code) => {
      servers.canned.reply({ status: 403, body: { error: message } });
      const error = await expectFailure(make(servers.canned.url).generate(request()), code);
      expect(error.status).toBe(403);
      // The provider's words are read, never repeated.
      expect(error.message).not.toContain(message);
    });

    // A firewall or CDN in front of the API answers 403 too; waiting would not help, and nothing
    // says the key is at fault, so the image fails with a reason naming what came back.
    test.each([
      ['an HTML page', { status: 403, body: '<!doctype html><html><body>Access denied by the firewall</body></html>', type: 'text/html' }],
      ['an empty body', { status: 403, body: '', type: 'application/json' }],
      ['a JSON body', { status: 403, body: { message: 'Access denied', code: 1020 } }],
    ] as const)('403 with %s is BAD_RESPONSE naming it, never a rate limit', async (kind, reply) => {
      servers.canned.reply(reply);
      const error = await expectFailure(make(servers.canned.url).generate(request()), 'BAD_RESPONSE');
      expect(error.status).toBe(403);
      expect(error.message).toContain(kind);
      expect(error.message).not.toMatch(/firewall|Access denied/);
    });

    test('verifyKey reads a 403 about the key as an invalid key', async () => {
      servers.canned.reply({ status: 403, body: { error: 'Account suspended' } });
      await expect(make(servers.canned.url).verifyKey()).resolves.toEqual({ valid: false });
    });

    test('verifyKey rejects a 403 HTML page as BAD_RESPONSE: the key may well be fine', async () => {
      servers.canned.reply({ status: 403, body: '<html><body>Access denied</body></html>', type: 'text/html' });
      const error = await failureOf(make(servers.canned.url).verifyKey());
      expect(error.code).toBe('BAD_RESPONSE');
    });
  });

  describe('the language, limited to the documented set', () => {
    test.each([
      ['en-gb', 'en'],
      ['pt-BR', 'pt'],
      ['zh-hans', 'zh'],
      ['de', 'de'],
      ['ja', 'ja'],
    ])('the site language %s is sent as %s', async (lang, sent) => {
      await make(servers.emulator.baseUrls.alttextai).generate(request({ lang }));
      expect(servers.emulator.requests[0].lang).toBe(sent);
    });

    test.each([
      ['fr', true],
      ['pt-br', true],
      ['pt-BR', true],
      ['en-gb', true],
      ['zh-hans', true],
      ['fi', false],
      ['sv', false],
      ['zh-hant', false],
      ['zh-TW', false],
    ] as const)('supportsLanguage(%j) is %s, known before any request', (lang, supported) => {
      expect(make(servers.emulator.baseUrls.alttextai).supportsLanguage(lang)).toBe(supported);
      expect(servers.emulator.requests).toHaveLength(0);
    });

    test('a language it does not support is MISCONFIGURED before anything is sent or spent', async () => {
      const error = await expectFailure(make(servers.emulator.baseUrls.alttextai).generate(request({ lang: 'sv' })), 'MISCONFIGURED');
      expect(error.message).toContain('"sv"');
      expect(error.message).toContain('`lang`');
      expect(servers.emulator.requests).toHaveLength(0);
    });

    test('Traditional Chinese is refused rather than answered in whatever `zh` means', () => {
      expect(toAltTextAiLanguage('zh-hant')).toBeUndefined();
      expect(toAltTextAiLanguage('zh-TW')).toBeUndefined();
      expect(toAltTextAiLanguage('zh-CN')).toBe('zh');
    });
  });

  describe('a 200 whose image result failed', () => {
    test.each([
      ['No credits remaining', 'OUT_OF_CREDITS'],
      ['Image URL not accessible', 'IMAGE_UNREACHABLE'],
      ['Invalid image format', 'UNSUPPORTED_IMAGE'],
      ['something new went wrong', 'UNSUPPORTED_IMAGE'],
    ] as const)('results[0].error "%s" is %s', async (message, code) => {
      servers.canned.reply({ status: 200, body: { success: false, results: [{ url: servers.url, success: false, error: message }], processed_count: 0 } });
      const error = await expectFailure(make(servers.canned.url).generate(request()), code);
      expect(error.message).not.toContain(message);
    });

    test('a result marked successful but without alt_text is BAD_RESPONSE', async () => {
      servers.canned.reply({ status: 200, body: { success: true, results: [{ url: servers.url, success: true }] } });
      await expectFailure(make(servers.canned.url).generate(request()), 'BAD_RESPONSE');
    });
  });

  test('a 404 about the image is IMAGE_UNREACHABLE, but a 404 for a wrong base URL is MISCONFIGURED', async () => {
    await expectFailure(make(servers.emulator.baseUrls.alttextai).generate(request({ image: { url: `${servers.url}-gone` } })), 'IMAGE_UNREACHABLE');
    const wrongBase = make(`${servers.emulator.url}/autoalt/api/v2`).generate(request());
    expect((await expectFailure(wrongBase, 'MISCONFIGURED')).message).toContain('baseUrl');
  });

  test('verifyKey names the user id as the account; getCredits reports no plan', async () => {
    const provider = make(servers.emulator.baseUrls.alttextai);
    await expect(provider.verifyKey()).resolves.toEqual({ valid: true, account: expect.stringMatching(/^user_/) });
    await expect(provider.getCredits()).resolves.toEqual({ reported: true, remaining: 10 });
  });

  test('verifyKey reads { valid: false } in a 200 as an invalid key', async () => {
    servers.canned.reply({ status: 200, body: { valid: false } });
    await expect(make(servers.canned.url).verifyKey()).resolves.toEqual({ valid: false });
  });
});
