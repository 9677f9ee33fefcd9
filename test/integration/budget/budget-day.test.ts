/**
 * A daily budget on one app (SQLite): it stops a run at exactly its credits, pauses the queue until
 * the next UTC midnight, and the queue goes on by itself when the (injected) clock gets there. The
 * estimate says so beforehand; the spending route reports it, day by day, over real HTTP.
 */
import { startEmulator, type Emulator } from '../../../emulator/server';
import { bootPlayground, type PlaygroundApp } from '../../harness/strapi-app';
import { apiFor, registerSuperAdmin, type Api } from '../../reliability/admin';
import { pluginServices } from '../../support/plugin';
import { seedImages } from '../../support/seed';
import { sleep, waitFor } from '../../support/wait-for';
import { answered, budgetEnv, budgetKey, setClock } from './fixtures';

const API_KEY = budgetKey();

describe('a budget of 5 credits per day', () => {
  let emulator: Emulator;
  let app: PlaygroundApp;
  let admin: Api;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [{ key: API_KEY, credits: 1000 }] });
    app = await bootPlayground({ env: budgetEnv(emulator, API_KEY, { perDay: 5 }) });
    admin = apiFor(app, await registerSuperAdmin(app));
    setClock(app, '2030-01-15T12:00:00Z');
  });
  afterAll(async () => {
    pluginServices(app?.strapi)?.budget.setClockForTests(null);
    await app?.stop();
    await emulator?.close();
  });

  test('8 images: the estimate says the run crosses the budget; the run makes exactly 5 calls, pauses until midnight UTC, and ends by itself the next day', async () => {
    const services = pluginServices(app.strapi);
    await seedImages(app, 8, 'daily');

    const estimate = await services.runs.estimate({ scope: { kind: 'missing' } });
    expect(estimate).toMatchObject({ images: 8, credits: 8 });
    expect(estimate.budget).toEqual({ perDay: 5, perMonth: null, spentToday: 0, spentThisMonth: 0, remaining: 5, binds: 'day', resetsAt: '2030-01-16T00:00:00.000Z', wouldExceed: true });

    const run = await services.runs.create({ scope: { kind: 'missing' } });
    await waitFor('the queue to pause', async () => ((await services.queue.getState()).paused ? true : undefined));
    await services.queue.idle();
    await sleep(500);
    expect(emulator.requests).toHaveLength(5);
    expect(await services.queue.stateView()).toMatchObject({ paused: true, reason: 'BUDGET_REACHED', resumesAt: '2030-01-16T00:00:00.000Z' });
    expect((await services.queue.stateView()).message).toContain('5 credits per day');
    expect((await services.queue.stats()).jobs).toMatchObject({ done: 5, pending: 3, running: 0 });

    const after = await services.runs.estimate({ scope: { kind: 'missing' } });
    // The 3 waiting images are already queued: a new run would owe nothing more.
    expect(after).toMatchObject({ images: 0, credits: 0, alreadyQueued: 3 });
    expect(after.budget).toMatchObject({ spentToday: 5, remaining: 0, wouldExceed: false });

    // Midnight UTC: the worker's next poll ends the pause; no admin resumes anything.
    setClock(app, '2030-01-16T00:00:01Z');
    await waitFor('the run to finish the next day', async () => ((await services.runs.get(run.id))!.status === 'done' ? true : undefined), 30000);
    expect(emulator.requests).toHaveLength(8);
    expect(answered(emulator)).toBe(8);
    expect((await services.queue.getState()).paused).toBe(false);

    const report = await services.budget.spending(2);
    expect(report.days.map((day) => [day.day, day.calls, day.credits])).toEqual([['2030-01-15', 5, 5], ['2030-01-16', 3, 3]]);
    expect(report.days[0].providers).toEqual({ alttextlab: { calls: 5, credits: 5, cacheHits: 0 } });
    expect(report.budget).toMatchObject({ spentToday: 3, spentThisMonth: 8, remaining: 2 });
  }, 90000);

  test('an admin who resumes early while the budget is spent gets one pause again, and no call', async () => {
    const services = pluginServices(app.strapi);
    setClock(app, '2030-01-16T18:00:00Z');
    await seedImages(app, 3, 'early');
    await services.runs.create({ scope: { kind: 'missing' } });
    await waitFor('the budget to pause the queue', async () => ((await services.queue.getState()).reason === 'BUDGET_REACHED' ? true : undefined));
    await services.queue.idle();
    const calls = emulator.requests.length;
    expect(calls).toBe(10);

    expect((await admin('POST', '/auto-alt-text/queue/resume')).status).toBe(200);
    await waitFor('the budget to pause the queue again', async () => ((await services.queue.getState()).paused ? true : undefined));
    await services.queue.idle();
    expect(emulator.requests).toHaveLength(calls);
    expect((await services.queue.stateView()).resumesAt).toBe('2030-01-17T00:00:00.000Z');
  }, 60000);

  test('GET /spending lists every day of the window (zeros included) with calls, credits and cache hits per provider', async () => {
    await pluginServices(app.strapi).budget.recordCacheHit('alttextlab', 4);
    const { status, body } = await admin('GET', '/auto-alt-text/spending?days=4');
    expect(status).toBe(200);
    const { days, totals, budget } = body.data;
    expect(days.map((day: { day: string }) => day.day)).toEqual(['2030-01-13', '2030-01-14', '2030-01-15', '2030-01-16']);
    expect(days[0]).toEqual({ day: '2030-01-13', calls: 0, credits: 0, cacheHits: 0, providers: {} });
    expect(days[2]).toMatchObject({ day: '2030-01-15', calls: 5, credits: 5, cacheHits: 0 });
    expect(days[3]).toEqual({ day: '2030-01-16', calls: 5, credits: 5, cacheHits: 4, providers: { alttextlab: { calls: 5, credits: 5, cacheHits: 4 } } });
    expect(totals).toEqual({ calls: 10, credits: 10, cacheHits: 4 });
    expect(budget).toMatchObject({ perDay: 5, perMonth: null, spentToday: 5, remaining: 0, resetsAt: '2030-01-17T00:00:00.000Z' });

    const month = (await admin('GET', '/auto-alt-text/spending')).body.data;
    expect(month.days).toHaveLength(30);
    expect(month.days[29].day).toBe('2030-01-16');
  });

  test.each(['days=0', 'days=91', 'days=ten', 'days=3&days=4', 'from=2030-01-01'])('GET /spending?%s answers 400 with the problem named', async (query) => {
    const { status, body } = await admin('GET', `/auto-alt-text/spending?${query}`);
    expect(status).toBe(400);
    expect(body.error.name).toBe('ValidationError');
  });
});
