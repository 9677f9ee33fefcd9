import { randomBytes } from 'node:crypto';
import { createAltTextAiProvider } from '../../../server/src/providers/alttextai';
import { createAltTextLabProvider } from '../../../server/src/providers/alttextlab';
import { MAX_RETRY_AFTER_MS, parseRetryAfterMs } from '../../../server/src/providers/http/status';
import { createOpenAiProvider } from '../../../server/src/providers/openai';
import type { AltTextProvider, ProviderSettings } from '../../../server/src/providers/types';
import { expectTypedFailure, startCaptureServer, type CannedReply, type CaptureServer } from './fixtures';

/**
 * `Retry-After` is the provider telling the queue how long to hold every worker. Whatever it says,
 * the answer is a wait between 0 and one hour, or "not said" (the queue then waits its configured
 * `rateLimitWaitMs`): never a negative, infinite or absurd wait, and never a wait read out of a
 * string that only happens to parse as a date.
 */
const ONE_HOUR = 60 * 60 * 1000;
// Wednesday 1 January 2025, 00:00:00 UTC.
const NOW = Date.UTC(2025, 0, 1, 0, 0, 0);

test('the documented maximum wait is one hour', () => {
  expect(MAX_RETRY_AFTER_MS).toBe(ONE_HOUR);
});

describe('reading Retry-After', () => {
  test.each([
    ['7', 7000],
    [' 7 ', 7000],
    ['0', 0],
    ['2099', 2_099_000],
    ['3600', ONE_HOUR],
  ])('delay-seconds %j is %d ms', (value, ms) => {
    expect(parseRetryAfterMs(value, NOW)).toBe(ms);
  });

  test.each([
    // Not RFC 9110 (1*DIGIT), but some servers print a float: honoured, rounded up so a retry
    // never comes early.
    ['2.5', 2500],
    ['0.0004', 1],
    ['1e3', 1_000_000],
  ])('a fractional or exponent number of seconds %j is honoured as %d ms', (value, ms) => {
    expect(parseRetryAfterMs(value, NOW)).toBe(ms);
  });

  test.each(['3601', '86400', '99999999999999999999', '1e300', '1e+300', '1e400'])('a huge delay %j is clamped to one hour', (value) => {
    expect(parseRetryAfterMs(value, NOW)).toBe(ONE_HOUR);
  });

  test.each([
    ['Wed, 01 Jan 2025 00:00:30 GMT', 30_000],
    ['Wednesday, 01-Jan-25 00:00:30 GMT', 30_000],
    ['Wed Jan  1 00:00:30 2025', 30_000],
    ['Tue, 31 Dec 2024 23:59:00 GMT', 0],
    ['Thu, 31 Dec 2099 23:59:59 GMT', ONE_HOUR],
    ['Sat, 01 Jan 9999 00:00:00 GMT', ONE_HOUR],
  ])('the HTTP date %j is %d ms away (past: now; far future: one hour)', (value, ms) => {
    expect(parseRetryAfterMs(value, NOW)).toBe(ms);
  });

  test.each([
    undefined,
    '',
    '   ',
    '-5',
    '-1',
    '-0.5',
    '+5',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '5 seconds',
    'soon',
    // Strings Date.parse reads as dates, though no HTTP date looks like them.
    '12/31/2099',
    '2099-01-01',
    '2030-01-01T00:00:00Z',
    'Wed, 31 Feb 2025 00:00:00 GMT',
    'Wed, 01 Jan 2025 25:00:00 GMT',
  ])('%j is not a wait (the queue uses its own)', (value) => {
    expect(parseRetryAfterMs(value, NOW)).toBeUndefined();
  });
});

describe.each([
  {
    name: 'alttextlab',
    make: createAltTextLabProvider,
    rateLimited: { status: 429, body: { message: 'Too many requests' } },
  },
  {
    name: 'alttextai',
    make: createAltTextAiProvider,
    rateLimited: { status: 403, body: { error: 'Rate limit exceeded' } },
  },
  {
    name: 'openai',
    make: createOpenAiProvider,
    rateLimited: { status: 429, body: { error: { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' } } },
  },
] as const)('$name: the wait a rate-limited answer carries', ({ name, make, rateLimited }) => {
  const key = `sk-retry-${randomBytes(8).toString('hex')}`;
  let server: CaptureServer;
  beforeAll(async () => {
    server = await startCaptureServer();
  });
  afterAll(() => server.close());

  const provider = (): AltTextProvider => {
    const settings: ProviderSettings = { apiKey: key, baseUrl: server.url, timeoutMs: 5000, maxLength: 250, model: 'vision-test' };
    return make(settings);
  };
  const waitOf = async (headers: Record<string, string>) => {
    server.reply({ ...(rateLimited as CannedReply), headers });
    const error = await expectTypedFailure(
      provider().generate({ image: { url: 'https://images.example.test/a.png' }, lang: 'en', style: 'neutral', fileLabel: '#1 "a.png"' }),
      { code: 'RATE_LIMITED', provider: name, file: '#1 "a.png"', secrets: [key] }
    );
    return error.retryAfterMs;
  };

  test.each([
    ['-5', undefined],
    ['garbage', undefined],
    ['12/31/2099', undefined],
    ['1e300', ONE_HOUR],
    ['99999999999', ONE_HOUR],
    ['Fri, 31 Dec 9999 23:59:59 GMT', ONE_HOUR],
    ['Mon, 01 Jan 2001 00:00:00 GMT', 0],
    ['2.5', 2500],
  ])('Retry-After %j gives %p', async (value, ms) => {
    expect(await waitOf({ 'retry-after': value })).toBe(ms);
  });

  test('an HTTP date 30 s ahead gives about 30 s', async () => {
    const wait = await waitOf({ 'retry-after': new Date(Date.now() + 30_000).toUTCString() });
    // HTTP dates have whole seconds, and the answer takes a moment to arrive.
    expect(wait).toBeGreaterThanOrEqual(27_000);
    expect(wait).toBeLessThanOrEqual(30_000);
  });

  test.each([
    [{ 'retry-after-ms': '250.4', 'retry-after': '9' }, 251],
    [{ 'retry-after-ms': '-1', 'retry-after': '9' }, 9000],
    [{ 'retry-after-ms': 'Infinity', 'retry-after': '9' }, 9000],
    [{ 'retry-after-ms': '1e300' }, ONE_HOUR],
    [{ 'retry-after-ms': 'soon' }, undefined],
  ])('retry-after-ms in %j gives %p', async (headers, ms) => {
    expect(await waitOf(headers)).toBe(ms);
  });
});
