// The one contract every provider adapter passes, against the emulator over real HTTP (and, for
// answers the emulator cannot give, a canned server). Each adapter's test file runs it once:
//   runProviderContract({ name, make, supports, languages, successBody })

import type { ProviderName } from '../../../server/src/config/schema';
import type { AltTextErrorCode } from '../../../server/src/errors';
import type { GenerateRequest, ImageInput, ProviderSettings } from '../../../server/src/providers/types';
import { tinyPdf } from '../../support/images';
import { entryUsing, expectTypedFailure } from './fixtures';
import { contractKey, useProviderServers, type AdapterMaker } from './provider-servers';

export interface ContractSubject {
  name: ProviderName;
  /** The adapter, built with the contract's key (see `adapterMaker`). */
  make: AdapterMaker;
  /** What the API offers; the suite checks `accepts` against it and skips what it lacks. */
  supports: { url: boolean; base64: boolean; credits: boolean };
  /**
   * Which of `LANGUAGE_PROBE` the API does not write in, and whether it answers several languages
   * from one call (`generateLanguages`).
   */
  languages: { refused: readonly string[]; severalInOneCall: boolean };
  /** The API's success body carrying `text`, for answers the emulator cannot give. */
  successBody(text: string): unknown;
}

const SIGNATURE = 'c0ffee5ecretS1gnature';
const FILE = '#7 "harbour.png"';
const HARBOUR = { path: '/harbour.png', width: 32, height: 24, rgb: { r: 10, g: 10, b: 200 } };
const FULL_TEXT = /^A 32×24 image dominated by blue/;
/** Codes as Strapi sites name their locales; every adapter says yes or no to each without a request. */
export const LANGUAGE_PROBE = ['en', 'de', 'fr', 'pt-br', 'pt-BR', 'ja', 'fi', 'zh-hant'] as const;

export function runProviderContract(subject: ContractSubject): void {
  const KEY = contractKey(subject.name);

  describe(`the ${subject.name} adapter fulfils the provider contract`, () => {
    const servers = useProviderServers(subject.name, { credits: 100, plan: 'Pro', image: HARBOUR });

    /** Pointed at the emulator, or at `overrides.baseUrl`. */
    const provider = (overrides: Partial<ProviderSettings> = {}) =>
      subject.make(servers.emulator.baseUrls[subject.name], overrides);
    const cannedProvider = () => provider({ baseUrl: servers.canned.url });
    const presignedUrl = () => `${servers.url}?X-Amz-Expires=60&X-Amz-Signature=${SIGNATURE}`;
    const request = (overrides: Partial<GenerateRequest> = {}): GenerateRequest => ({
      image: { url: presignedUrl() },
      lang: 'en',
      style: 'neutral',
      fileLabel: FILE,
      ...overrides,
    });
    const inline = (bytes: Buffer): ImageInput => ({ base64: bytes.toString('base64'), mime: 'image/png' });
    /** `file: null` for account calls, which concern no file. */
    const expectFailure = (promise: Promise<unknown>, code: AltTextErrorCode, file: string | null = FILE) =>
      expectTypedFailure(promise, { code, provider: subject.name, file: file ?? undefined, secrets: [KEY, SIGNATURE, servers.host.url] });
    const charged = () => servers.emulator.account(KEY)?.charged;

    describe('generating alt text', () => {
      test('accepts exactly the deliveries the API offers', () => {
        const offered = (['url', 'base64'] as const).filter((delivery) => subject.supports[delivery]);
        expect([...provider().accepts].sort()).toEqual([...offered].sort());
      });

      (subject.supports.url ? test : test.skip)('describes an image it fetches from a presigned URL, query intact', async () => {
        await expect(provider().generate(request())).resolves.toMatch(FULL_TEXT);
        expect(servers.emulator.requests[0]).toMatchObject({ imageSource: 'url', imageUrl: presignedUrl() });
        expect(charged()).toBe(1);
      });

      (subject.supports.base64 ? test : test.skip)('describes an image sent inline as base64', async () => {
        await expect(provider().generate(request({ image: inline(servers.png) }))).resolves.toMatch(FULL_TEXT);
        expect(servers.emulator.requests[0].imageSource).toBe('base64');
      });

      test('the entries that use the image go along without changing what is described', async () => {
        const seo = { metaTitle: null, metaDescription: null, keywords: ['harbour'] };
        const entries = [entryUsing({ nearbyText: 'Boats at dawn.', seo, ecommerce: { product: 'Harbour print' } })];
        await expect(provider().generate(request({ context: { entries } }))).resolves.toMatch(FULL_TEXT);
        expect(charged()).toBe(1);
      });

      test('keeps the text within maxLength and cuts it between words', async () => {
        const full = await provider().generate(request());
        const short = await provider({ maxLength: 20 }).generate(request());
        expect(short.length).toBeLessThanOrEqual(20);
        expect(full.startsWith(short)).toBe(true);
        expect(full.charAt(short.length)).toBe(' ');
      });

      test('a slow answer within the timeout still succeeds', async () => {
        servers.emulator.setFaults({ latencyMs: 150 });
        await expect(provider({ timeoutMs: 3000 }).generate(request())).resolves.toMatch(FULL_TEXT);
      });

      test('removes wrapping quotes and an "Image of" opener from the answer', async () => {
        servers.canned.reply({ status: 200, body: subject.successBody('  "Image of a red bicycle against a wall"  ') });
        await expect(cannedProvider().generate(request())).resolves.toBe('A red bicycle against a wall');
      });

      test('empty alt text is BAD_RESPONSE, never written', async () => {
        servers.canned.reply({ status: 200, body: subject.successBody('  ""  ') });
        await expectFailure(cannedProvider().generate(request()), 'BAD_RESPONSE');
      });
    });

    describe('languages', () => {
      test('one call per language: each writes in its language, and the API is told which', async () => {
        const german = await provider().generate(request({ lang: 'de' }));
        const french = await provider().generate(request({ lang: 'fr' }));
        expect([german, french]).toEqual([expect.stringMatching(/^\[de\] A 32×24/), expect.stringMatching(/^\[fr\] A 32×24/)]);
        expect(servers.emulator.requests.map((sent) => sent.lang)).toEqual(['de', 'fr']);
        expect(charged()).toBe(2);
      });

      test('supportsLanguage says which languages it writes in, and asks the API nothing', () => {
        const answers = LANGUAGE_PROBE.map((lang) => [lang, provider().supportsLanguage(lang)]);
        expect(answers).toEqual(LANGUAGE_PROBE.map((lang) => [lang, !subject.languages.refused.includes(lang)]));
        expect(servers.emulator.requests).toHaveLength(0);
      });

      if (subject.languages.refused.length > 0) {
        test.each([...subject.languages.refused])('a language it says no to (%s) is MISCONFIGURED before anything is sent or spent', async (lang) => {
          await expectFailure(provider().generate(request({ lang })), 'MISCONFIGURED');
          expect(servers.emulator.requests).toHaveLength(0);
          expect(charged()).toBe(0);
        });
      }

      test('generateLanguages is offered exactly when the API answers several languages in one call', () => {
        expect(typeof provider().generateLanguages).toBe(subject.languages.severalInOneCall ? 'function' : 'undefined');
      });
    });

    describe('mapping failures onto typed errors', () => {
      test('a wrong key is INVALID_KEY, naming the provider and the file but not the key', async () => {
        const wrong = 'wrong-key-Vb8Nc3Xz';
        const error = await expectFailure(provider({ apiKey: wrong }).generate(request()), 'INVALID_KEY');
        expect(error.message).not.toContain(wrong);
      });

      test('a revoked key is INVALID_KEY', async () => {
        servers.emulator.setFaults({ invalidKey: true });
        await expectFailure(provider().generate(request()), 'INVALID_KEY');
      });

      test('an account without credits is OUT_OF_CREDITS and is charged nothing', async () => {
        servers.emulator.setFaults({ creditsAfter: 0 });
        await expectFailure(provider().generate(request()), 'OUT_OF_CREDITS');
        expect(charged()).toBe(0);
      });

      test('credits running out mid-run turn the next call into OUT_OF_CREDITS', async () => {
        servers.emulator.setFaults({ creditsAfter: 1 });
        await expect(provider().generate(request())).resolves.toMatch(FULL_TEXT);
        await expectFailure(provider().generate(request()), 'OUT_OF_CREDITS');
      });

      test('a rate limit with Retry-After is RATE_LIMITED with the wait in milliseconds', async () => {
        servers.emulator.setFaults({ status: 429, retryAfterSeconds: 7 });
        expect((await expectFailure(provider().generate(request()), 'RATE_LIMITED')).retryAfterMs).toBe(7000);
      });

      test('a rate limit without Retry-After is RATE_LIMITED with no wait given', async () => {
        servers.emulator.setFaults({ status: 429 });
        expect((await expectFailure(provider().generate(request()), 'RATE_LIMITED')).retryAfterMs).toBeUndefined();
      });

      (subject.supports.url ? test : test.skip)(
        'an image URL the provider cannot fetch is IMAGE_UNREACHABLE, costs nothing, and the URL stays out of the message',
        async () => {
          const missing = `${servers.host.url}/gone.png?X-Amz-Signature=${SIGNATURE}`;
          await expectFailure(provider().generate(request({ image: { url: missing } })), 'IMAGE_UNREACHABLE');
          expect(charged()).toBe(0);
        }
      );

      (subject.supports.base64 ? test : test.skip)('bytes that are not an image are UNSUPPORTED_IMAGE and cost nothing', async () => {
        await expectFailure(provider().generate(request({ image: inline(tinyPdf()) })), 'UNSUPPORTED_IMAGE');
        expect(charged()).toBe(0);
      });

      test.each([500, 502, 503] as const)('a %i is TRANSIENT and keeps its status', async (status) => {
        servers.emulator.setFaults({ status });
        expect((await expectFailure(provider().generate(request()), 'TRANSIENT')).status).toBe(status);
      });

      test('a gateway HTML page is TRANSIENT and says it was HTML', async () => {
        servers.emulator.setFaults({ status: 502, htmlBody: true });
        expect((await expectFailure(provider().generate(request()), 'TRANSIENT')).message).toContain('HTML');
      });

      test('an HTML page with status 200 is BAD_RESPONSE', async () => {
        servers.canned.reply({ status: 200, body: '<!doctype html><html><body>Welcome</body></html>', type: 'text/html' });
        expect((await expectFailure(cannedProvider().generate(request()), 'BAD_RESPONSE')).message).toContain('HTML');
      });

      test('truncated JSON is BAD_RESPONSE', async () => {
        servers.emulator.setFaults({ malformedJson: true });
        await expectFailure(provider().generate(request()), 'BAD_RESPONSE');
      });

      test('JSON without the documented fields is BAD_RESPONSE', async () => {
        servers.emulator.setFaults({ wrongShape: true });
        await expectFailure(provider().generate(request()), 'BAD_RESPONSE');
      });

      test('a refused connection is TRANSIENT', async () => {
        await expectFailure(provider({ baseUrl: 'http://127.0.0.1:1/v1' }).generate(request()), 'TRANSIENT');
      });

      test('no answer within the timeout is TIMEOUT, on time', async () => {
        servers.emulator.setFaults({ hang: true });
        const started = Date.now();
        await expectFailure(provider({ timeoutMs: 300 }).generate(request()), 'TIMEOUT');
        expect(Date.now() - started).toBeLessThan(2000);
      });

      test("aborting the caller's signal is CANCELLED", async () => {
        servers.emulator.setFaults({ hang: true });
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 50);
        await expectFailure(provider().generate(request({ signal: controller.signal })), 'CANCELLED');
      });

      test("the caller's own AbortSignal.timeout is TIMEOUT", async () => {
        servers.emulator.setFaults({ hang: true });
        await expectFailure(provider().generate(request({ signal: AbortSignal.timeout(100) })), 'TIMEOUT');
      });
    });

    describe('the account', () => {
      test('verifyKey says a working key is valid', async () => {
        await expect(provider().verifyKey()).resolves.toMatchObject({ valid: true });
      });

      test('verifyKey says a wrong key is invalid instead of throwing', async () => {
        await expect(provider({ apiKey: 'wrong-key-Vb8Nc3Xz' }).verifyKey()).resolves.toEqual({ valid: false });
      });

      test('verifyKey rejects when the answer is unknown (the API is down)', async () => {
        servers.emulator.setFaults({ status: 503, endpoints: 'all' });
        await expectFailure(provider().verifyKey(), 'TRANSIENT', null);
      });

      if (subject.supports.credits) {
        test('getCredits reports the credits left after a generation', async () => {
          await provider().generate(request());
          await expect(provider().getCredits()).resolves.toMatchObject({ reported: true, remaining: 99 });
        });

        test('getCredits with a wrong key is INVALID_KEY', async () => {
          await expectFailure(provider({ apiKey: 'wrong-key-Vb8Nc3Xz' }).getCredits(), 'INVALID_KEY', null);
        });
      } else {
        test('getCredits says plainly that credits are not reported', async () => {
          await expect(provider().getCredits()).resolves.toEqual({ reported: false, reason: expect.any(String) });
        });
      }
    });
  });
}
