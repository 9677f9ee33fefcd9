// Control API under /__emulator for a test or demo that runs the emulator as another process.
// It never reveals a key beyond its last 4 characters, nor any image URL.

import type { IncomingMessage } from 'node:http';
import { redactKey, validateAccountInput } from './accounts';
import { isRecord, json, readJsonBody, type Mount, type Reply } from './http';
import { validateFaults } from './faults';
import type { EmulatorCore } from './pipeline';
import type { AccountInput, Faults, FaultScope } from './types';

export const CONTROL_PREFIX = '/__emulator';

/** The emulator operations the control API drives (implemented in server.ts). */
export interface ControlTarget {
  addAccount(account: AccountInput): void;
  setFaults(faults: Faults, scope?: FaultScope): void;
  clearFaults(): void;
  reset(): void;
}

async function readObject(req: IncomingMessage): Promise<Record<string, unknown> | Reply> {
  const body = await readJsonBody(req);
  if (!body.ok) return json(400, { error: body.reason === 'invalid-json' ? 'Body must be valid JSON' : 'Body could not be read' });
  if (!isRecord(body.value)) return json(400, { error: 'Body must be a JSON object' });
  return body.value;
}

function isReply(value: Record<string, unknown> | Reply): value is Reply {
  return 'kind' in value && (value.kind === 'json' || value.kind === 'text' || value.kind === 'hang');
}

export function controlMount(core: EmulatorCore, target: ControlTarget): Mount {
  const state = (): unknown => ({
    accounts: core.accounts.all().map((a) => ({ ...a, key: redactKey(a.key) })),
    requestCount: core.recorder.requests.length,
    // Everything but the image URL, which may be a presigned secret.
    requests: core.recorder.requests.map(({ imageUrl: _secret, ...safe }) => safe),
    faults: core.faults.snapshot(),
  });

  return {
    prefix: CONTROL_PREFIX,
    notFound: (status) => json(status, { error: status === 404 ? 'Not found' : 'Method not allowed' }),
    routes: [
      { method: 'GET', path: '/state', handle: async () => json(200, state()) },
      {
        method: 'POST',
        path: '/accounts',
        async handle({ req }) {
          const body = await readObject(req);
          if (isReply(body)) return body;
          const account = validateAccountInput(body);
          if (typeof account === 'string') return json(400, { error: account });
          target.addAccount(account);
          const view = core.accounts.view(account.key);
          return json(201, { account: view && { ...view, key: redactKey(view.key) } });
        },
      },
      {
        method: 'POST',
        path: '/faults',
        async handle({ req }) {
          const body = await readObject(req);
          if (isReply(body)) return body;
          const faults = validateFaults(body.faults ?? {});
          if (typeof faults === 'string') return json(400, { error: faults });
          if (body.key !== undefined && typeof body.key !== 'string') return json(400, { error: 'key must be a string' });
          target.setFaults(faults, { key: body.key });
          return json(200, { faults: core.faults.snapshot() });
        },
      },
      {
        method: 'DELETE',
        path: '/faults',
        async handle() {
          target.clearFaults();
          return json(200, { faults: core.faults.snapshot() });
        },
      },
      {
        method: 'POST',
        path: '/reset',
        async handle() {
          target.reset();
          return json(200, state());
        },
      },
    ],
  };
}
