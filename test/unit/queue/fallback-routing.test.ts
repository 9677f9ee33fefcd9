import { createFallbackRouting, primaryIdentity, type FallbackRoutingDeps } from '../../../server/src/queue/fallback';
import type { FallbackState } from '../../../server/src/queue/fallback-state';
import type { GenerationOutcome } from '../../../server/src/generation/types';

const PRIMARY_KEY = 'primary-secret-key-aaaa';

/** The shared state as the core store keeps it, counting reads and writes. */
const memoryStore = (initial: FallbackState = { active: false }) => {
  const counts = { reads: 0, writes: 0 };
  let value = initial;
  return {
    counts,
    current: () => value,
    store: {
      get: async () => {
        counts.reads += 1;
        return value;
      },
      set: async (next: FallbackState) => {
        counts.writes += 1;
        value = JSON.parse(JSON.stringify(next)) as FallbackState;
      },
    },
  };
};

const setup = (options: { configured?: boolean; initial?: FallbackState } = {}) => {
  const memory = memoryStore(options.initial);
  const clock = { now: Date.parse('2025-03-01T10:00:00.000Z') };
  const logs: string[] = [];
  const primary = { provider: 'alttextlab' as const, baseUrl: 'http://127.0.0.1:1/lab', apiKey: PRIMARY_KEY };
  const deps: FallbackRoutingDeps = {
    store: memory.store,
    fallback: () => (options.configured === false ? null : { provider: 'alttextai', afterTransientSeconds: 60 }),
    primary: () => primary,
    log: (_level, message) => logs.push(message),
    now: () => clock.now,
  };
  return { routing: createFallbackRouting(deps), memory, clock, logs, primary };
};

const outOfCredits: GenerationOutcome = { status: 'failed', code: 'OUT_OF_CREDITS', reason: 'the account has no credits left' };

describe('the fallback routing of one process', () => {
  test('without a fallback configured it never reads or writes the shared state', async () => {
    const { routing, memory } = setup({ configured: false });
    expect(await routing.inUse()).toBe(false);
    expect(await routing.afterAttempt(outOfCredits, false)).toBeUndefined();
    expect(await routing.view()).toBeNull();
    expect(memory.counts).toEqual({ reads: 0, writes: 0 });
  });

  test('reads the shared state at most once a second, whatever the number of jobs', async () => {
    const { routing, memory, clock } = setup();
    for (let job = 0; job < 20; job += 1) await routing.inUse();
    expect(memory.counts.reads).toBe(1);
    clock.now += 1000;
    await routing.inUse();
    expect(memory.counts.reads).toBe(2);
  });

  test('the primary out of credits: the state is stored for every replica, the job goes again now, and the log names both providers, no key', async () => {
    const { routing, memory, clock, logs } = setup();
    expect(await routing.afterAttempt(outOfCredits, false)).toEqual({ retryAt: clock.now });
    expect(memory.current()).toMatchObject({ active: true, reason: 'OUT_OF_CREDITS', since: new Date(clock.now).toISOString() });
    expect(await routing.inUse()).toBe(true);
    expect(logs).toEqual(['fallback provider alttextai in use: the primary provider alttextlab is out of credits (OUT_OF_CREDITS)']);
    expect(JSON.stringify(memory.current())).not.toContain(PRIMARY_KEY);
  });

  test('another replica’s switch is seen within a second', async () => {
    const { routing, memory, clock, primary } = setup();
    expect(await routing.inUse()).toBe(false);
    await memory.store.set({ active: true, reason: 'INVALID_KEY', since: new Date(clock.now).toISOString(), primary: primaryIdentity(primary) });
    clock.now += 999;
    expect(await routing.inUse()).toBe(false);
    clock.now += 1;
    expect(await routing.inUse()).toBe(true);
  });

  test('a failure of the fallback itself changes nothing here (the queue pauses as before)', async () => {
    const { routing, memory } = setup();
    expect(await routing.afterAttempt({ ...outOfCredits, viaFallback: 'alttextai' }, false)).toBeUndefined();
    expect(memory.counts.writes).toBe(0);
  });

  test('the credits probe’s question, and its answer: back to the primary', async () => {
    const { routing, memory, logs } = setup();
    expect(await routing.outOfCredits()).toBe(false);
    await routing.afterAttempt(outOfCredits, false);
    expect(await routing.outOfCredits()).toBe(true);
    expect(await routing.primaryRecovered('it reports credits again')).toBe(true);
    expect(memory.current()).toEqual({ active: false });
    expect(await routing.inUse()).toBe(false);
    expect(logs.at(-1)).toBe('jobs go to the primary provider (alttextlab) again: it reports credits again');
    expect(await routing.primaryRecovered('again')).toBe(false);
  });

  test('the admin’s view says which provider is in use instead of which, why and since when', async () => {
    const { routing, clock } = setup();
    expect(await routing.view()).toEqual({ active: false, provider: 'alttextai', primary: 'alttextlab' });
    await routing.afterAttempt(outOfCredits, false);
    expect(await routing.view()).toEqual({ active: true, provider: 'alttextai', primary: 'alttextlab', reason: 'OUT_OF_CREDITS', since: new Date(clock.now).toISOString() });
  });

  test('a new primary key ends the switch, in every replica (the state names the primary by its key’s last four characters only)', async () => {
    const { routing, primary, memory } = setup();
    await routing.afterAttempt({ ...outOfCredits, code: 'INVALID_KEY' }, false);
    expect(memory.current().primary).toBe('alttextlab|http://127.0.0.1:1/lab|…aaaa');
    primary.apiKey = 'a-brand-new-key-bbbb';
    expect(await routing.inUse()).toBe(false);
    expect(memory.current()).toEqual({ active: false });
  });
});
