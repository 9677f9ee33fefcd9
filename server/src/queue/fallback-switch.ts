import type { FallbackReason } from '../../../shared/vocabulary';
import type { GenerationOutcome } from '../generation/types';
import { PRIMARY_IN_USE, type FallbackState } from './fallback-state';

/**
 * The decisions of the fallback provider, without I/O (README, "Fallback provider"): where a job
 * goes, and what one attempt at the primary means for the others. queue/fallback.ts reads and
 * stores the state around them.
 */
export interface SwitchContext {
  now: number;
  /** `fallback.afterTransientSeconds` in ms. */
  afterTransientMs: number;
  /** The primary in force (provider, base URL, key hint: `primaryIdentity`). */
  primary: string;
}

/** The primary is down or too slow, not refusing: worth waiting out, up to `afterTransientSeconds`. */
const TRANSIENT_CODES = new Set<string>(['TRANSIENT', 'TIMEOUT']);
/** The primary refuses every image alike: waiting does not help, the fallback takes over at once. */
const REFUSING_CODES = new Set<string>(['OUT_OF_CREDITS', 'INVALID_KEY']);

const iso = (ms: number) => new Date(ms).toISOString();

export interface Route {
  viaFallback: boolean;
  /** The state to store: the switch ended (`ended` says why). */
  next?: FallbackState;
  ended?: string;
}

/**
 * Where the next job goes. A switch ends by itself when another primary is in force (a new key or
 * endpoint deserves a try), and a switch for transient failures after `afterTransientSeconds` —
 * keeping when the failures began, so that one more failure of the primary switches back at once.
 */
export const routeFor = (state: FallbackState, context: SwitchContext): Route => {
  if (!state.active) return { viaFallback: false };
  if (state.primary !== context.primary) return { viaFallback: false, next: PRIMARY_IN_USE, ended: 'another API key or endpoint is in force for the primary' };
  const since = state.since ? Date.parse(state.since) : 0;
  if (state.reason === 'TRANSIENT' && context.now - since >= context.afterTransientMs) {
    return { viaFallback: false, next: { active: false, transientSince: state.transientSince }, ended: `trying it again after ${Math.round(context.afterTransientMs / 1000)} s on the fallback` };
  }
  return { viaFallback: true };
};

export interface PrimaryVerdict {
  /** The state to store, when it changes. */
  next?: FallbackState;
  /** The job goes again at this time with its attempt refunded: at once after a switch, at the switch for a job out of attempts. */
  retryAt?: number;
  /** Jobs went to the fallback because of this attempt. */
  switched?: FallbackReason;
}

const activate = (state: FallbackState, reason: FallbackReason, context: SwitchContext): PrimaryVerdict =>
  state.active && state.primary === context.primary
    ? { retryAt: context.now }
    : { next: { active: true, reason, since: iso(context.now), transientSince: state.transientSince, primary: context.primary }, retryAt: context.now, switched: reason };

/**
 * What one attempt at the primary means, with a fallback configured: out of credits or a refused
 * key switches at once (that call was not charged) and the job goes again to the fallback, its
 * attempt refunded; a transient failure is remembered (the first one's time), and switches once
 * the primary has been failing for `afterTransientSeconds` — until then a job that used its last
 * attempt waits for the switch instead of failing; a success ends the run of failures.
 */
export const afterPrimaryAttempt = (outcome: GenerationOutcome, state: FallbackState, context: SwitchContext & { lastAttempt: boolean }): PrimaryVerdict => {
  if (outcome.status === 'written') return state.transientSince ? { next: { ...state, transientSince: undefined } } : {};
  if (outcome.status !== 'failed') return {};
  if (REFUSING_CODES.has(outcome.code)) return activate(state, outcome.code as FallbackReason, context);
  if (!TRANSIENT_CODES.has(outcome.code)) return {};
  const first = state.transientSince ? Date.parse(state.transientSince) : context.now;
  const noted = state.transientSince ? state : { ...state, transientSince: iso(first) };
  if (context.now - first >= context.afterTransientMs) return activate(noted, 'TRANSIENT', context);
  return { ...(noted !== state ? { next: noted } : {}), ...(context.lastAttempt ? { retryAt: first + context.afterTransientMs } : {}) };
};
