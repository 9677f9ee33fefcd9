// Accounts and credits. Credits are reserved before the (slow) image work starts and refunded
// if it fails, so concurrent requests can never spend more credits than the account holds.

import { createHash } from 'node:crypto';
import type { AccountInput, AccountView } from './types';

const DEFAULT_PLAN = 'Emulator';

interface Account {
  key: string;
  credits: number;
  charged: number;
  plan: string;
  /** Credits the account was last given; AltTextLab reports it as the next monthly top-up. */
  allowance: number;
  createdAt: number;
}

/** "…abcd" for logs and the control API; keys of 4 characters or fewer show nothing. */
export function redactKey(key: string): string {
  return key.length > 4 ? `…${key.slice(-4)}` : '…';
}

/** A stable, non-secret user id derived from the key (AltTextAI reports one). */
export function userIdFor(key: string): string {
  return `user_${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

export function validateAccountInput(value: unknown): AccountInput | string {
  if (typeof value !== 'object' || value === null) return 'account must be an object';
  const { key, credits, plan } = value as Record<string, unknown>;
  if (typeof key !== 'string' || key.length === 0) return 'key must be a non-empty string';
  if (typeof credits !== 'number' || !Number.isInteger(credits) || credits < 0) {
    return 'credits must be a non-negative integer';
  }
  if (plan !== undefined && typeof plan !== 'string') return 'plan must be a string';
  return { key, credits, plan };
}

export class AccountStore {
  private readonly accounts = new Map<string, Account>();

  constructor(initial: AccountInput[] = []) {
    for (const account of initial) this.add(account);
  }

  /** Adds an account, or replaces the credits and plan of an existing one (charged is kept). */
  add(input: AccountInput): void {
    const message = validateAccountInput(input);
    if (typeof message === 'string') throw new TypeError(`Invalid account: ${message}`);
    const existing = this.accounts.get(input.key);
    this.accounts.set(input.key, {
      key: input.key,
      credits: input.credits,
      charged: existing?.charged ?? 0,
      plan: input.plan ?? existing?.plan ?? DEFAULT_PLAN,
      allowance: input.credits,
      createdAt: existing?.createdAt ?? Date.now(),
    });
  }

  has(key: string | undefined): key is string {
    return key !== undefined && this.accounts.has(key);
  }

  view(key: string): AccountView | undefined {
    const account = this.accounts.get(key);
    if (!account) return undefined;
    return { key: account.key, credits: account.credits, charged: account.charged, plan: account.plan };
  }

  /** The next (emulated, monthly) top-up: the credits last given, 30 days after creation. */
  renewal(key: string): { credits: number; at: Date } | undefined {
    const account = this.accounts.get(key);
    if (!account) return undefined;
    return { credits: account.allowance, at: new Date(account.createdAt + 30 * 24 * 60 * 60 * 1000) };
  }

  all(): AccountView[] {
    return [...this.accounts.keys()].map((key) => this.view(key) as AccountView);
  }

  setCredits(key: string, credits: number): void {
    const account = this.accounts.get(key);
    if (account) account.credits = credits;
  }

  setAllCredits(credits: number): void {
    for (const account of this.accounts.values()) account.credits = credits;
  }

  /** Takes one credit if there is one. Pair with `commit` on success or `refund` on failure. */
  reserve(key: string): boolean {
    const account = this.accounts.get(key);
    if (!account || account.credits <= 0) return false;
    account.credits -= 1;
    return true;
  }

  commit(key: string): void {
    const account = this.accounts.get(key);
    if (account) account.charged += 1;
  }

  refund(key: string): void {
    const account = this.accounts.get(key);
    if (account) account.credits += 1;
  }

  clear(): void {
    this.accounts.clear();
  }
}
