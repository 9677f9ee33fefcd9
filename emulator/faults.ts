// Injected misbehaviour. A fault is set globally or for one key; a key's own fault wins over the
// global one. `times` counts down on every request the fault hits and removes it at zero.

import { redactKey } from './accounts';
import { BAD_LANGUAGES, type BadLanguages, type FaultScope, type Faults, type FaultStatus } from './types';

/** Which kind of call is asking: the paid generation, or an account/credits/verify/models call. */
export type EndpointKind = 'generate' | 'account';

const FAULT_STATUSES: readonly FaultStatus[] = [429, 500, 502, 503];

/** The faults that change how a request is answered (the rest only qualify them). */
const EFFECTIVE = ['latencyMs', 'status', 'htmlBody', 'hang', 'malformedJson', 'wrongShape', 'badLanguages', 'invalidKey'] as const;

interface ActiveFault {
  faults: Faults;
  remaining?: number;
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Checks a value from the control API (or a careless caller); returns the faults or a message. */
export function validateFaults(value: unknown): Faults | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'faults must be an object';
  const input = value as Record<string, unknown>;
  const known = new Set([
    'latencyMs', 'status', 'retryAfterSeconds', 'htmlBody', 'hang', 'malformedJson',
    'wrongShape', 'badLanguages', 'creditsAfter', 'invalidKey', 'times', 'endpoints',
  ]);
  for (const name of Object.keys(input)) {
    if (!known.has(name)) return `unknown fault "${name}"`;
  }
  for (const name of ['latencyMs', 'retryAfterSeconds', 'creditsAfter'] as const) {
    if (input[name] !== undefined && !isNonNegativeInteger(input[name])) return `${name} must be a non-negative integer`;
  }
  if (input.times !== undefined && (!isNonNegativeInteger(input.times) || input.times === 0)) {
    return 'times must be a positive integer';
  }
  if (input.status !== undefined && !FAULT_STATUSES.includes(input.status as FaultStatus)) {
    return `status must be one of ${FAULT_STATUSES.join(', ')}`;
  }
  for (const name of ['htmlBody', 'hang', 'malformedJson', 'wrongShape', 'invalidKey'] as const) {
    if (input[name] !== undefined && typeof input[name] !== 'boolean') return `${name} must be a boolean`;
  }
  if (input.badLanguages !== undefined && !BAD_LANGUAGES.includes(input.badLanguages as BadLanguages)) {
    return `badLanguages must be one of ${BAD_LANGUAGES.join(', ')}`;
  }
  if (input.endpoints !== undefined && input.endpoints !== 'generate' && input.endpoints !== 'all') {
    return 'endpoints must be "generate" or "all"';
  }
  return input as Faults;
}

export class FaultStore {
  private global: ActiveFault | undefined;
  private readonly byKey = new Map<string, ActiveFault>();

  /**
   * Replaces the faults of a scope. Faults with no effect on requests (e.g. `{}` or only
   * `creditsAfter`, which the emulator applies to accounts when set) clear the scope.
   */
  set(faults: Faults, scope: FaultScope = {}): void {
    const message = validateFaults(faults);
    if (typeof message === 'string') throw new TypeError(`Invalid faults: ${message}`);
    const { creditsAfter: _appliedToAccounts, ...requestFaults } = faults;
    const active: ActiveFault | undefined = EFFECTIVE.some((name) => requestFaults[name])
      ? { faults: requestFaults, remaining: requestFaults.times }
      : undefined;
    if (scope.key === undefined) {
      this.global = active;
    } else if (active) {
      this.byKey.set(scope.key, active);
    } else {
      this.byKey.delete(scope.key);
    }
  }

  clear(): void {
    this.global = undefined;
    this.byKey.clear();
  }

  /** The faults that hit this request, if any; consumes one of their `times`. */
  take(key: string | undefined, endpoint: EndpointKind): Faults | undefined {
    const scoped = key !== undefined ? this.byKey.get(key) : undefined;
    const candidates: Array<[ActiveFault | undefined, () => void]> = [
      [scoped, () => key !== undefined && this.byKey.delete(key)],
      [this.global, () => (this.global = undefined)],
    ];
    for (const [active, remove] of candidates) {
      if (!active) continue;
      const endpoints = active.faults.endpoints ?? 'generate';
      if (endpoint === 'account' && endpoints !== 'all') continue;
      if (active.remaining !== undefined) {
        active.remaining -= 1;
        if (active.remaining <= 0) remove();
      }
      return active.faults;
    }
    return undefined;
  }

  /** For the control API: what is active, with keys redacted. */
  snapshot(): { global?: Faults & { remaining?: number }; byKey: Array<{ key: string; faults: Faults; remaining?: number }> } {
    return {
      global: this.global ? { ...this.global.faults, remaining: this.global.remaining } : undefined,
      byKey: [...this.byKey].map(([key, active]) => ({
        key: redactKey(key),
        faults: active.faults,
        remaining: active.remaining,
      })),
    };
  }
}
