// The emulator: one node:http server that speaks AltTextLab, AltTextAI (autoalt.app) and an
// OpenAI-compatible vision API under separate prefixes, plus a control API for tests and demos.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccountStore } from './accounts';
import { controlMount, type ControlTarget } from './control';
import { FaultStore } from './faults';
import { json, replyStatus, send, type Mount, type Reply } from './http';
import type { EmulatorCore } from './pipeline';
import { ALTTEXTAI_PREFIX, alttextaiMount } from './providers/alttextai';
import { ALTTEXTLAB_PREFIX, alttextlabMount } from './providers/alttextlab';
import { OPENAI_PREFIX, openaiMount } from './providers/openai';
import { RequestRecorder } from './recorder';
import { WorkClock } from './service-time';
import type { AccountInput, AccountView, Faults, FaultScope, RecordedRequest } from './types';

export type { AccountInput, AccountView, Faults, FaultScope, FaultStatus, ProviderName, RecordedRequest } from './types';

export interface StartEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Accounts that exist from the start (and again after a reset). Default: none. */
  accounts?: AccountInput[];
  /** How long the emulator waits for an image host; default 10 000 ms like a hosted service. */
  fetchTimeoutMs?: number;
  /** Receives one line per request: method, path, status, duration. No keys, no query strings. */
  log?: (line: string) => void;
}

export interface Emulator {
  /** e.g. http://127.0.0.1:4010 */
  url: string;
  /** What a client uses as its base URL for each provider. */
  baseUrls: { alttextlab: string; alttextai: string; openai: string };
  close(): Promise<void>;
  /** Adds an account, or resets the credits and plan of an existing key. */
  addAccount(account: AccountInput): void;
  account(key: string): AccountView | undefined;
  /** Replaces the faults of a scope (every request when `scope.key` is absent). */
  setFaults(faults: Faults, scope?: FaultScope): void;
  clearFaults(): void;
  /** Restores the initial accounts and clears faults and recorded requests. */
  reset(): void;
  /** Every generation call, oldest first (live array). */
  requests: RecordedRequest[];
  /** Generation calls received so far, including those still being answered (latency, hang). */
  startedCount(): number;
  /** The most generation calls that were in flight at once since the start (or the last reset). */
  maxInFlight(): number;
  /** Resolves once `n` generation calls have been recorded; rejects after `timeoutMs` (5000). */
  waitForRequests(n: number, timeoutMs?: number): Promise<RecordedRequest[]>;
}

const PREFIXES = { alttextlab: ALTTEXTLAB_PREFIX, alttextai: ALTTEXTAI_PREFIX, openai: OPENAI_PREFIX } as const;

export async function startEmulator(opts: StartEmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => undefined);
  const initialAccounts = [...(opts.accounts ?? [])];
  let lastId = 0;
  const core: EmulatorCore = {
    accounts: new AccountStore(initialAccounts),
    faults: new FaultStore(),
    recorder: new RequestRecorder(),
    fetchTimeoutMs: opts.fetchTimeoutMs ?? 10_000,
    workClocks: { generate: new WorkClock(), account: new WorkClock() },
    nextId: () => (lastId += 1),
  };

  const controls: ControlTarget = {
    addAccount: (account) => core.accounts.add(account),
    setFaults(faults, scope = {}) {
      core.faults.set(faults, scope); // validates first, so a bad call changes nothing
      if (faults.creditsAfter === undefined) return;
      if (scope.key === undefined) core.accounts.setAllCredits(faults.creditsAfter);
      else core.accounts.setCredits(scope.key, faults.creditsAfter);
    },
    clearFaults: () => core.faults.clear(),
    reset() {
      core.accounts.clear();
      for (const account of initialAccounts) core.accounts.add(account);
      core.faults.clear();
      core.recorder.clear();
    },
  };

  const mounts: Mount[] = [
    alttextlabMount(core),
    alttextaiMount(core),
    openaiMount(core),
    controlMount(core, controls),
  ];

  const server = createServer((req, res) => {
    void handleRequest(mounts, req, res, log);
  });
  await listen(server, opts.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const url = `http://${displayHost(host)}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrls: {
      alttextlab: url + PREFIXES.alttextlab,
      alttextai: url + PREFIXES.alttextai,
      openai: url + PREFIXES.openai,
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung requests (the `hang` fault) and idle keep-alive sockets would keep close() waiting.
        server.closeAllConnections();
      });
      return closing;
    },
    addAccount: controls.addAccount,
    account: (key) => core.accounts.view(key),
    setFaults: controls.setFaults,
    clearFaults: controls.clearFaults,
    reset: controls.reset,
    requests: core.recorder.requests,
    startedCount: () => core.recorder.started,
    maxInFlight: () => core.recorder.maxInFlight,
    waitForRequests: (n, timeoutMs) => core.recorder.waitFor(n, timeoutMs),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

async function handleRequest(
  mounts: Mount[],
  req: IncomingMessage,
  res: ServerResponse,
  log: (line: string) => void,
): Promise<void> {
  const started = Date.now();
  const method = req.method ?? 'GET';
  // Only the path is used or logged: query strings may carry secrets.
  const pathname = new URL(req.url ?? '/', 'http://emulator.invalid').pathname;
  let reply: Reply;
  try {
    reply = await route(mounts, method, pathname, req);
  } catch (error) {
    log(`emulator error on ${method} ${pathname}: ${error instanceof Error ? error.name : 'unknown error'}`);
    reply = json(500, { message: 'Emulator error' });
  }
  send(res, reply);
  const status = reply.kind === 'hang' ? 'hang' : String(replyStatus(reply));
  const fault = reply.fault ? ` fault=${reply.fault}` : '';
  log(`${method} ${pathname} ${status} ${Date.now() - started}ms${fault}`);
}

function route(mounts: Mount[], method: string, pathname: string, req: IncomingMessage): Promise<Reply> {
  const mount = mounts.find((m) => pathname === m.prefix || pathname.startsWith(`${m.prefix}/`));
  if (!mount) {
    if (pathname === '/' && method === 'GET') {
      return Promise.resolve(json(200, { name: 'alt-text provider emulator', prefixes: PREFIXES }));
    }
    return Promise.resolve(json(404, { message: 'Not found' }));
  }
  const subpath = pathname.slice(mount.prefix.length).replace(/\/+$/, '') || '/';
  const candidates = mount.routes.filter((r) => r.path === subpath);
  const match = candidates.find((r) => r.method === method);
  if (!match) return Promise.resolve(mount.notFound(candidates.length > 0 ? 405 : 404));
  return match.handle({ req, method, path: subpath });
}
