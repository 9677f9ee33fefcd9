import { afterPrimaryAttempt, routeFor, type SwitchContext } from '../../../server/src/queue/fallback-switch';
import type { FallbackState } from '../../../server/src/queue/fallback-state';
import type { GenerationOutcome } from '../../../server/src/generation/types';

const T0 = Date.parse('2025-03-01T10:00:00.000Z');
const AFTER = 600_000;
const at = (ms: number) => new Date(ms).toISOString();
const context = (now: number, overrides: Partial<SwitchContext & { lastAttempt: boolean }> = {}) => ({ now, afterTransientMs: AFTER, primary: 'alttextlab||…aaaa', lastAttempt: false, ...overrides });
const failed = (code: string): GenerationOutcome => ({ status: 'failed', code: code as 'TRANSIENT', reason: 'x' });
const written: GenerationOutcome = { status: 'written', text: 'A cat', strategy: 'presigned' };
const idle: FallbackState = { active: false };

describe('when the primary fails, with a fallback configured', () => {
  test.each(['OUT_OF_CREDITS', 'INVALID_KEY'] as const)('%s switches at once and the job goes again now, to the fallback', (code) => {
    const verdict = afterPrimaryAttempt(failed(code), idle, context(T0));
    expect(verdict).toEqual({ next: { active: true, reason: code, since: at(T0), transientSince: undefined, primary: 'alttextlab||…aaaa' }, retryAt: T0, switched: code });
  });

  test('a job that was already on its way to the primary when another switched goes again at once, without a second switch', () => {
    const active: FallbackState = { active: true, reason: 'OUT_OF_CREDITS', since: at(T0), primary: 'alttextlab||…aaaa' };
    expect(afterPrimaryAttempt(failed('OUT_OF_CREDITS'), active, context(T0 + 5))).toEqual({ retryAt: T0 + 5 });
  });

  test('the first transient failure is remembered; the job is retried as usual (no switch, no refund)', () => {
    expect(afterPrimaryAttempt(failed('TRANSIENT'), idle, context(T0))).toEqual({ next: { active: false, transientSince: at(T0) } });
  });

  test('transient failures shorter than afterTransientSeconds do not switch; a timeout counts as one', () => {
    const failing: FallbackState = { active: false, transientSince: at(T0) };
    expect(afterPrimaryAttempt(failed('TIMEOUT'), failing, context(T0 + AFTER - 1))).toEqual({});
  });

  test('once the primary has failed transiently for afterTransientSeconds, the next failure switches', () => {
    const failing: FallbackState = { active: false, transientSince: at(T0) };
    expect(afterPrimaryAttempt(failed('TRANSIENT'), failing, context(T0 + AFTER))).toMatchObject({ next: { active: true, reason: 'TRANSIENT', since: at(T0 + AFTER), transientSince: at(T0) }, retryAt: T0 + AFTER, switched: 'TRANSIENT' });
  });

  test('a job out of attempts before the switch waits for it instead of failing', () => {
    const failing: FallbackState = { active: false, transientSince: at(T0) };
    expect(afterPrimaryAttempt(failed('TRANSIENT'), failing, context(T0 + 30_000, { lastAttempt: true }))).toEqual({ retryAt: T0 + AFTER });
  });

  test.each(['IMAGE_UNREACHABLE', 'BAD_RESPONSE', 'MISCONFIGURED', 'RATE_LIMITED', 'CANCELLED'])('%s is the queue’s business as usual', (code) => {
    expect(afterPrimaryAttempt(failed(code), idle, context(T0))).toEqual({});
  });

  test('a success of the primary ends its run of transient failures', () => {
    expect(afterPrimaryAttempt(written, { active: false, transientSince: at(T0) }, context(T0 + 10))).toEqual({ next: { active: false, transientSince: undefined } });
    expect(afterPrimaryAttempt(written, idle, context(T0))).toEqual({});
  });
});

describe('where the next job goes', () => {
  test('to the primary while nothing is switched', () => {
    expect(routeFor(idle, context(T0))).toEqual({ viaFallback: false });
  });

  test('to the fallback while switched for credits, however long', () => {
    const state: FallbackState = { active: true, reason: 'OUT_OF_CREDITS', since: at(T0), primary: 'alttextlab||…aaaa' };
    expect(routeFor(state, context(T0 + 10 * AFTER))).toEqual({ viaFallback: true });
  });

  test('back to the primary when another key or endpoint is in force for it', () => {
    const state: FallbackState = { active: true, reason: 'INVALID_KEY', since: at(T0), primary: 'alttextlab||…aaaa' };
    expect(routeFor(state, context(T0, { primary: 'alttextlab||…bbbb' }))).toMatchObject({ viaFallback: false, next: { active: false } });
  });

  test('after afterTransientSeconds on the fallback, the primary is tried again — and its next failure switches back at once', () => {
    const state: FallbackState = { active: true, reason: 'TRANSIENT', since: at(T0 + AFTER), transientSince: at(T0), primary: 'alttextlab||…aaaa' };
    expect(routeFor(state, context(T0 + 2 * AFTER - 1))).toEqual({ viaFallback: true });
    const route = routeFor(state, context(T0 + 2 * AFTER));
    expect(route).toMatchObject({ viaFallback: false, next: { active: false, transientSince: at(T0) } });
    expect(afterPrimaryAttempt(failed('TRANSIENT'), route.next!, context(T0 + 2 * AFTER + 5))).toMatchObject({ switched: 'TRANSIENT', retryAt: T0 + 2 * AFTER + 5 });
  });
});
