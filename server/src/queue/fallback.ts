import type { FallbackStateView } from '../../../shared/contracts/queue';
import type { FallbackReason, ProviderName } from '../../../shared/vocabulary';
import type { GenerationOutcome } from '../generation/types';
import { keyHint } from '../utils/redact';
import { PRIMARY_IN_USE, type FallbackState, type FallbackStateStore } from './fallback-state';
import { afterPrimaryAttempt, routeFor, type SwitchContext } from './fallback-switch';
import { createSharedStateCache } from './shared-state-cache';

/** How long this process trusts the shared state it read: at most one read per second, whatever the concurrency. */
const CACHE_MS = 1000;

export interface FallbackRoutingDeps {
  store: FallbackStateStore;
  /** The fallback in force; null when none is configured or its client cannot be built (no key). */
  fallback(): { provider: ProviderName; afterTransientSeconds: number } | null;
  /** The primary in force: its provider and where its key goes (provider, base URL, key hint). */
  primary(): { provider: ProviderName; baseUrl?: string | null; apiKey?: string };
  log(level: 'info' | 'warn', message: string): void;
  now?: () => number;
}

/** Who the primary is, without its key: a switch made from one primary ends when another is in force. */
export const primaryIdentity = (primary: { provider: string; baseUrl?: string | null; apiKey?: string }): string =>
  [primary.provider, primary.baseUrl ?? '', keyHint(primary.apiKey) ?? ''].join('|');

const WHY: Record<FallbackReason, (seconds: number) => string> = {
  OUT_OF_CREDITS: () => 'is out of credits',
  INVALID_KEY: () => 'refused its API key',
  TRANSIENT: (seconds) => `has been failing (5xx answers or timeouts) for ${seconds} s or more`,
};

/**
 * The fallback provider as the queue uses it: which provider a job goes to (the shared state,
 * read at most once a second per process), and what the primary's answers mean for the others
 * (fallback-switch.ts). Without a fallback configured it reads and writes nothing.
 */
export const createFallbackRouting = (deps: FallbackRoutingDeps) => {
  const now = deps.now ?? Date.now;
  const cache = createSharedStateCache(() => deps.store.get(), { maxAgeMs: () => CACHE_MS, elapsed: now });
  const read = (fresh = false): Promise<FallbackState> => (fresh ? cache.fresh() : cache.recent());
  const write = async (state: FallbackState) => {
    await cache.write(async () => {
      await deps.store.set(state);
      return state;
    });
  };
  const contextOf = (fallback: { afterTransientSeconds: number }): SwitchContext => ({ now: now(), afterTransientMs: fallback.afterTransientSeconds * 1000, primary: primaryIdentity(deps.primary()) });

  const routing = {
    /** Whether the next job goes to the fallback; ends a switch that is over (another primary, a transient switch's time up). */
    async inUse(): Promise<boolean> {
      const fallback = deps.fallback();
      if (!fallback) return false;
      const route = routeFor(await read(), contextOf(fallback));
      if (route.next) {
        await write(route.next);
        deps.log('info', `jobs go to the primary provider (${deps.primary().provider}) again: ${route.ended}`);
      }
      return route.viaFallback;
    },

    /**
     * After one attempt: a job the primary could not take goes again (attempt refunded) at the
     * time returned — at once after a switch; undefined = the queue handles the outcome as usual.
     */
    async afterAttempt(outcome: GenerationOutcome, lastAttempt: boolean): Promise<{ retryAt: number } | undefined> {
      const fallback = deps.fallback();
      if (!fallback || outcome.status === 'skipped' || outcome.viaFallback) return undefined;
      let verdict = afterPrimaryAttempt(outcome, await read(), { ...contextOf(fallback), lastAttempt });
      // A change is decided again on a fresh read, so that replicas switching together keep the first `since`.
      if (verdict.next) verdict = afterPrimaryAttempt(outcome, await read(true), { ...contextOf(fallback), lastAttempt });
      if (verdict.next) await write(verdict.next);
      if (verdict.switched) {
        const primary = deps.primary().provider;
        deps.log('warn', `fallback provider ${fallback.provider} in use: the primary provider ${primary} ${WHY[verdict.switched](fallback.afterTransientSeconds)} (${verdict.switched})`);
      }
      return verdict.retryAt === undefined ? undefined : { retryAt: verdict.retryAt };
    },

    /** Jobs are on the fallback because the primary ran out of credits (the credits probe asks the primary). */
    async outOfCredits(): Promise<boolean> {
      if (!deps.fallback()) return false;
      const state = await read(true);
      return state.active && state.reason === 'OUT_OF_CREDITS';
    },

    /** The primary works again (it reports credits, its key was verified): jobs go back to it. True when a switch ended. */
    async primaryRecovered(why: string): Promise<boolean> {
      const state = await read(true);
      if (!state.active && !state.transientSince) return false;
      await write(PRIMARY_IN_USE);
      if (state.active) deps.log('info', `jobs go to the primary provider (${deps.primary().provider}) again: ${why}`);
      return state.active;
    },

    /** The admin's view; null without a fallback. */
    async view(): Promise<FallbackStateView | null> {
      const fallback = deps.fallback();
      if (!fallback) return null;
      const active = await routing.inUse();
      const state = active ? await read() : PRIMARY_IN_USE;
      return { active, provider: fallback.provider, primary: deps.primary().provider, ...(state.reason ? { reason: state.reason } : {}), ...(state.since ? { since: state.since } : {}) };
    },
  };
  return routing;
};

export type FallbackRouting = ReturnType<typeof createFallbackRouting>;
