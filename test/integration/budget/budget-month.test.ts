/**
 * A monthly budget (SQLite): the pause lasts until the first of the next UTC month, and a call the
 * provider did not charge for (a 500) gives its credit back, so it does not eat into the budget.
 */
import { startEmulator, type Emulator } from '../../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { pluginServices } from '../../support/plugin';
import { seedImages } from '../../support/seed';
import { sleep, waitFor } from '../../support/wait-for';
import { answered, budgetEnv, budgetKey, setClock } from './fixtures';

const API_KEY = budgetKey();

describe('a budget of 4 credits per month', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
    app = await bootPlayground({ env: budgetEnv(emulator, API_KEY, { perMonth: 4 }) });
    setClock(app, '2030-03-31T22:00:00Z');
  });
  afterAll(async () => {
    pluginServices(app?.strapi)?.budget.setClockForTests(null);
    await app?.stop();
    await emulator?.close();
  });

  test('6 images, one call failing with a 500: 4 written, the failed call given back, paused until 1 April; then the rest', async () => {
    const services = pluginServices(app.strapi);
    await seedImages(app, 6, 'monthly');
    expect((await services.runs.estimate({ scope: { kind: 'missing' } })).budget).toEqual({
      perDay: null, perMonth: 4, spentToday: 0, spentThisMonth: 0, remaining: 4, binds: 'month', resetsAt: '2030-04-01T00:00:00.000Z', wouldExceed: true,
    });

    emulator.setFaults({ status: 500, times: 1 });
    const run = await services.runs.create({ scope: { kind: 'missing' } });
    await waitFor('the budget to pause the queue', async () => ((await services.queue.getState()).paused ? true : undefined), 30000);
    await services.queue.idle();
    await sleep(500);
    // Five calls reached the provider: the 500 cost nothing, so four more were within the budget.
    expect(emulator.requests).toHaveLength(5);
    expect(answered(emulator)).toBe(4);
    const state = await services.queue.stateView();
    expect(state).toMatchObject({ paused: true, reason: 'BUDGET_REACHED', resumesAt: '2030-04-01T00:00:00.000Z' });
    expect(state.message).toContain('4 credits per month');
    expect((await services.queue.stats()).jobs).toMatchObject({ done: 4, pending: 2 });
    const march = await services.budget.spending(1);
    expect(march.days).toEqual([{ day: '2030-03-31', calls: 5, credits: 4, cacheHits: 0, providers: { alttextlab: { calls: 5, credits: 4, cacheHits: 0 } } }]);

    setClock(app, '2030-04-01T00:00:00Z');
    await waitFor('the run to finish in April', async () => ((await services.runs.get(run.id))!.status === 'done' ? true : undefined), 30000);
    expect(answered(emulator)).toBe(6);
    const april = await services.budget.spending(2);
    expect(april.days.map((day) => [day.day, day.calls, day.credits])).toEqual([['2030-03-31', 5, 4], ['2030-04-01', 2, 2]]);
    expect(april.budget).toMatchObject({ spentThisMonth: 2, remaining: 2, resetsAt: '2030-05-01T00:00:00.000Z' });
  }, 90000);
});
