// The route table all three provider contracts share: one paid generation route that is faulted
// and recorded, and free account routes, all under the API's prefix and its one rule for where
// the key goes. A contract file then says only what its API says: paths, the key's place, the
// request and answer shapes, and its error bodies.

import type { IncomingMessage } from 'node:http';
import { readJsonBody, type JsonBodyResult, type Mount, type Reply, type Route } from '../http';
import { runGeneration, withFaults, type Dialect, type EmulatorCore, type GenerateTrace } from '../pipeline';
import type { AccountView } from '../types';

/** A request body that passed the API's validation, or the API's own answer to one that did not. */
export type Parsed<Request> = { ok: true; request: Request } | { ok: false; reply: Reply };

/** The paid call. Its steps run in this order: key, `refuse`, unreadable body, `parse`, `answer`. */
export interface GenerateRoute<Request> {
  path: string;
  /**
   * What the recorder learns from the body before any validation, so a faulted or refused call
   * is recorded with it too. One trace per image named, since each image costs a credit.
   */
  traces(body: JsonBodyResult): GenerateTrace[];
  /** A request the API turns away for a known key before its body is looked at. */
  refuse?(req: IncomingMessage): Reply | undefined;
  /** The answer to a body over the size limit. */
  tooLarge(): Reply;
  /** The answer to a body that is not JSON, or that broke off. */
  unreadable(): Reply;
  parse(value: unknown): Parsed<Request>;
  /** The work for a known key; fills in `traces` (the very objects recorded) image by image. */
  answer(key: string, request: Request, traces: GenerateTrace[]): Promise<Reply>;
}

/** A free call about the account (credits, key check, models): faulted only when asked, never recorded. */
export interface AccountRoute {
  method: 'GET' | 'POST';
  path: string;
  /** `account` is undefined when the key is missing or unknown. */
  answer(account: AccountView | undefined): Reply;
}

export interface ProviderContract<Request> {
  prefix: string;
  dialect: Dialect;
  /** Where the API carries the key, e.g. an `x-api-key` header or a Bearer token. */
  keyOf(req: IncomingMessage): string | undefined;
  /** The answer to an unknown path (404) or method (405), in the API's error shape. */
  notFound(status: 404 | 405): Reply;
  generate: GenerateRoute<Request>;
  account: AccountRoute[];
}

export function providerMount<Request>(core: EmulatorCore, contract: ProviderContract<Request>): Mount {
  const { dialect, keyOf, generate } = contract;

  const generateRoute: Route = {
    method: 'POST',
    path: generate.path,
    async handle({ req }) {
      const at = Date.now();
      const key = keyOf(req);
      const body = await readJsonBody(req);
      const traces = generate.traces(body);
      return runGeneration(core, dialect, key, at, traces, async () => {
        if (!core.accounts.has(key)) return dialect.unauthorized();
        const refused = generate.refuse?.(req);
        if (refused) return refused;
        if (!body.ok) return body.reason === 'too-large' ? generate.tooLarge() : generate.unreadable();
        const parsed = generate.parse(body.value);
        if (!parsed.ok) return parsed.reply;
        return generate.answer(key, parsed.request, traces);
      });
    },
  };

  const accountRoutes = contract.account.map(
    ({ method, path, answer }): Route => ({
      method,
      path,
      handle: ({ req }) => {
        const startedAt = Date.now();
        const key = keyOf(req);
        // Looked up only at the end of any latency fault, as the real work would be.
        return withFaults(core, dialect, key, 'account', startedAt, async () =>
          answer(key === undefined ? undefined : core.accounts.view(key)),
        );
      },
    }),
  );

  return { prefix: contract.prefix, notFound: contract.notFound, routes: [generateRoute, ...accountRoutes] };
}
