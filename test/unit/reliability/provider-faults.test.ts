import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { startEmulator, type Emulator, type Faults } from '../../../emulator/server';
import { AltTextError, type AltTextErrorCode } from '../../../server/src/errors';
import { createAltTextAiProvider } from '../../../server/src/providers/alttextai';
import { createAltTextLabProvider } from '../../../server/src/providers/alttextlab';
import { createOpenAiProvider } from '../../../server/src/providers/openai';
import type { AltTextProvider, ProviderSettings } from '../../../server/src/providers/types';
import { startFaultProxy, type FaultProxy, type HttpFault } from '../../reliability/fault-server';

/**
 * Every provider fault of the reliability suite, at the adapter boundary: each one ends in the
 * typed error the queue acts on (retry, wait, pause, or fail with a reason), and no message carries
 * the key or anything from the provider's answer. The queue's reaction to each code is proven in
 * test/integration/reliability-faults.test.ts.
 */
const KEY = `sk-fault-${randomBytes(12).toString('hex')}`;
const ADAPTERS = {
  alttextlab: createAltTextLabProvider,
  alttextai: createAltTextAiProvider,
  openai: createOpenAiProvider,
} as const;
type Name = keyof typeof ADAPTERS;

let emulator: Emulator;
let proxy: FaultProxy;
let image: { base64: string; mime: string };

beforeAll(async () => {
  emulator = await startEmulator({ accounts: [{ key: KEY, credits: 1000 }] });
  proxy = await startFaultProxy(emulator.url);
  const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
  image = { base64: png.toString('base64'), mime: 'image/png' };
});
afterAll(async () => {
  await proxy?.close();
  await emulator?.close();
});
beforeEach(() => emulator.reset());

const adapter = (name: Name, baseUrl = `${proxy.url}${new URL(emulator.baseUrls[name]).pathname}`): AltTextProvider => {
  const settings: ProviderSettings = { apiKey: KEY, baseUrl, timeoutMs: 800, maxLength: 250, model: 'vision-test' };
  return ADAPTERS[name](settings);
};

const failure = async (provider: AltTextProvider): Promise<AltTextError> => {
  const outcome = await provider.generate({ image, lang: 'en', style: 'neutral', fileLabel: '#7 "fault.png"' }).then(
    (text) => new Error(`expected a failure, got "${text}"`),
    (error: unknown) => error
  );
  expect(outcome).toBeInstanceOf(AltTextError);
  const error = outcome as AltTextError;
  // Named for an admin: the code, the provider and the file; never the key.
  expect(error.message).toMatch(new RegExp(`^${error.code}: ${provider.name} for file #7 "fault.png": .+`));
  expect(error.message).not.toContain(KEY);
  expect(error.message).not.toContain(KEY.slice(-12));
  return error;
};

const NAMES: Name[] = ['alttextlab', 'alttextai', 'openai'];
/**
 * AltTextLab and OpenAI answer 403 for a key that may not be used, so their adapters read any 403
 * that is not out-of-credits as the key refused (an admin looks). AltTextAI's documented 403s are
 * credits and rate limits, told apart by the message; a page with neither is nothing to wait out.
 */
const FIREWALL_403: Record<Name, AltTextErrorCode> = { alttextlab: 'INVALID_KEY', alttextai: 'BAD_RESPONSE', openai: 'INVALID_KEY' };

type Case = [label: string, setup: () => void | Promise<void>, code: AltTextErrorCode, extra?: (error: AltTextError) => void];
const html = (status: 500 | 502 | 503): Faults => ({ status, htmlBody: true });
const pushed = (...faults: HttpFault[]) => () => proxy.push(...faults);
const rateLimited = (retryAfter: string): HttpFault => ({
  kind: 'raw',
  status: 429,
  contentType: 'application/json',
  body: '{"error":"Too many requests"}',
  headers: { 'retry-after': retryAfter },
});

const CASES: Case[] = [
  ['the connection is reset before any answer', pushed({ kind: 'reset-before-answer' }), 'TRANSIENT'],
  // The provider did the work and billed it: retrying would spend a second credit.
  [
    'the connection is reset in the middle of a 200 answer',
    pushed({ kind: 'reset-mid-response' }),
    'BAD_RESPONSE',
    (e) => expect(e.message).toMatch(/dropped in the middle of a 200 answer .*not retried/),
  ],
  [
    'the connection is reset in the middle of a 503 answer',
    () => {
      emulator.setFaults(html(503));
      proxy.push({ kind: 'reset-mid-response' });
    },
    'TRANSIENT',
  ],
  ['the provider hangs past the deadline', () => emulator.setFaults({ hang: true }), 'TIMEOUT'],
  ['500 with an HTML page', () => emulator.setFaults(html(500)), 'TRANSIENT', (e) => expect(e.message).toMatch(/500 with an HTML page/)],
  ['502 with an HTML page', () => emulator.setFaults(html(502)), 'TRANSIENT', (e) => expect(e.message).toMatch(/502 with an HTML page/)],
  ['503 with an HTML page', () => emulator.setFaults(html(503)), 'TRANSIENT', (e) => expect(e.message).toMatch(/503 with an HTML page/)],
  [
    '200 with an HTML page',
    pushed({ kind: 'raw', status: 200, contentType: 'text/html', body: '<!doctype html><html><body>Welcome to nginx!</body></html>' }),
    'BAD_RESPONSE',
    (e) => expect(e.message).toMatch(/an HTML page/),
  ],
  ['200 with an empty body', pushed({ kind: 'raw', status: 200, contentType: 'application/json', body: '' }), 'BAD_RESPONSE'],
  ['200 with malformed JSON', () => emulator.setFaults({ malformedJson: true }), 'BAD_RESPONSE', (e) => expect(e.message).toMatch(/malformed JSON/)],
  ['200 with the wrong shape', () => emulator.setFaults({ wrongShape: true }), 'BAD_RESPONSE'],
  ['429 with Retry-After', () => emulator.setFaults({ status: 429, retryAfterSeconds: 7 }), 'RATE_LIMITED', (e) => expect(e.retryAfterMs).toBe(7000)],
  ['429 without Retry-After', () => emulator.setFaults({ status: 429 }), 'RATE_LIMITED', (e) => expect(e.retryAfterMs).toBeUndefined()],
  // However absurd the wait asked for, the queue is held for at most an hour (MAX_RETRY_AFTER_MS).
  ['429 with Retry-After: 1e+300', () => emulator.setFaults({ status: 429, retryAfterSeconds: 1e300 }), 'RATE_LIMITED', (e) => expect(e.retryAfterMs).toBe(3_600_000)],
  [
    '429 with a Retry-After date in the year 9999',
    pushed(rateLimited('Fri, 31 Dec 9999 23:59:59 GMT')),
    'RATE_LIMITED',
    (e) => expect(e.retryAfterMs).toBe(3_600_000),
  ],
  // Not a wait at all (Date.parse would read "-5" as the year 2001): the queue waits its own `rateLimitWaitMs`.
  ['429 with Retry-After: -5', pushed(rateLimited('-5')), 'RATE_LIMITED', (e) => expect(e.retryAfterMs).toBeUndefined()],
  ['429 with Retry-After: garbage', pushed(rateLimited('soon, maybe')), 'RATE_LIMITED', (e) => expect(e.retryAfterMs).toBeUndefined()],
  ['401: the key was revoked', () => emulator.setFaults({ invalidKey: true }), 'INVALID_KEY'],
  ['the credits are used up', () => emulator.setFaults({ creditsAfter: 0 }), 'OUT_OF_CREDITS'],
];

describe.each(NAMES)('%s: every provider fault ends in a typed, readable error', (name) => {
  test('a refused connection is TRANSIENT', async () => {
    const refused = await startFaultProxy(emulator.url);
    await refused.refuse();
    const error = await failure(adapter(name, `${refused.url}/v1`));
    expect(error.code).toBe('TRANSIENT');
    expect(error.message).toMatch(/connection failed \(ECONNREFUSED\)/);
  });

  test.each(CASES.map(([label, setup, code, extra]) => ({ label, setup, code, extra })))('$label', async ({ setup, code, extra }) => {
    await setup();
    const error = await failure(adapter(name));
    expect(error.code).toBe(code);
    extra?.(error);
    // A queued proxy fault was really used by this call.
    expect(proxy.pending()).toBe(0);
  });

  test('a 403 HTML page from a firewall in front of the API is not a rate limit', async () => {
    proxy.push({ kind: 'raw', status: 403, contentType: 'text/html', body: '<!doctype html><html><body>Access denied</body></html>' });
    const error = await failure(adapter(name));
    expect(error.code).toBe(FIREWALL_403[name]);
    expect(proxy.pending()).toBe(0);
  });
});
