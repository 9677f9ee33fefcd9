import { randomBytes } from 'node:crypto';
import { startEmulator, type Emulator, type ProviderName } from '../../emulator/server';
import { ALTTEXTAI_PREFIX } from '../../emulator/providers/alttextai';
import { ALTTEXTLAB_PREFIX } from '../../emulator/providers/alttextlab';
import { bootPlayground, type PlaygroundApp } from '../harness/strapi-app';
import { apiFor, registerSuperAdmin, type Api } from '../reliability/admin';
import { captureLogs } from '../support/log-capture';
import { fileRows, pluginServices } from '../support/plugin';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { seedImages } from '../support/seed';
import { waitFor } from '../support/wait-for';

/**
 * The fallback provider (issue 16, part 4) on the real app: one emulator serves both accounts, each
 * provider is reached through its own recording proxy, so the test can say which key went where.
 * Primary: AltTextLab; fallback: AltTextAI, switched to for 2 s of transient failures.
 */
const PRIMARY_KEY = `primary-${randomBytes(12).toString('hex')}`;
const FALLBACK_KEY = `fallback-${randomBytes(12).toString('hex')}`;
const AFTER_TRANSIENT_SECONDS = 2;

let emulator: Emulator;
let primaryProxy: RecordingServer;
let fallbackProxy: RecordingServer;
let app: PlaygroundApp;
let admin: Api;
let logs: ReturnType<typeof captureLogs>;

const queue = () => pluginServices(app.strapi).queue;
const provenanceOf = async (ids: number[]) =>
  (await app.strapi.db.query('plugin::auto-alt-text.provenance').findMany({ where: { fileId: { $in: ids } } })) as Array<{ fileId: number; provider: string; fallback: boolean | null }>;
const allWritten = async (ids: number[]) => ((await fileRows(app.strapi, ids)).every((row) => !!row.alternativeText) ? true : undefined);
const answered = (provider: ProviderName, status = 200) => emulator.requests.filter((request) => request.provider === provider && request.status === status);

beforeAll(async () => {
  emulator = await startEmulator({ accounts: [{ key: PRIMARY_KEY, credits: 1000 }, { key: FALLBACK_KEY, credits: 1000 }] });
  primaryProxy = await startRecordingServer({ upstream: emulator.url });
  fallbackProxy = await startRecordingServer({ upstream: emulator.url });
  app = await bootPlayground({
    env: {
      ALT_TEXT_PROVIDER: 'alttextlab',
      ALT_TEXT_API_KEY: PRIMARY_KEY,
      ALT_TEXT_BASE_URL: primaryProxy.url + ALTTEXTLAB_PREFIX,
      ALT_TEXT_FALLBACK_PROVIDER: 'alttextai',
      ALT_TEXT_FALLBACK_API_KEY: FALLBACK_KEY,
      ALT_TEXT_FALLBACK_BASE_URL: fallbackProxy.url + ALTTEXTAI_PREFIX,
      ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ fallback: { afterTransientSeconds: AFTER_TRANSIENT_SECONDS } }),
      ALT_TEXT_REQUESTS_PER_SECOND: '0',
      ALT_TEXT_POLL_INTERVAL_MS: '100',
      ALT_TEXT_RETRY_BASE_MS: '100',
      ALT_TEXT_RETRY_MAX_MS: '200',
      ALT_TEXT_MAX_ATTEMPTS: '3',
      ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
    },
  });
  logs = captureLogs(app.strapi);
  admin = apiFor(app, await registerSuperAdmin(app));
});

afterAll(async () => {
  logs?.restore();
  await app?.stop();
  await Promise.all([primaryProxy?.close(), fallbackProxy?.close()]);
  await emulator?.close();
});

beforeEach(async () => {
  await queue().idle();
  emulator.reset();
  // Every test starts on the primary, the queue running.
  await queue().primaryVerified();
  await queue().resume();
});

test('the primary runs out of credits after 3: the other 5 images are written by the fallback, the queue never pauses, each image is paid once', async () => {
  emulator.setFaults({ creditsAfter: 3 }, { key: PRIMARY_KEY });
  const ids = await seedImages(app, 8, 'switch');
  await waitFor('all eight images to have alt text', () => allWritten(ids), 60000);

  expect(await queue().getState()).toMatchObject({ paused: false });
  expect(logs.lines.filter((line) => line.includes('queue paused'))).toEqual([]);
  // Paid once each: 3 + 5 credits for 8 images, every one of them written. The calls the primary refused were not charged.
  expect(emulator.account(PRIMARY_KEY)?.charged).toBe(3);
  expect(emulator.account(FALLBACK_KEY)?.charged).toBe(5);
  expect(answered('alttextlab')).toHaveLength(3);
  expect(answered('alttextai')).toHaveLength(5);
  expect(answered('alttextlab', 403).length).toBeGreaterThanOrEqual(1);

  const provenance = await provenanceOf(ids);
  expect(provenance.filter((row) => row.provider === 'alttextlab' && !row.fallback)).toHaveLength(3);
  expect(provenance.filter((row) => row.provider === 'alttextai' && row.fallback)).toHaveLength(5);
  const listed = (await admin('GET', '/auto-alt-text/media?pageSize=50')).body.data.rows as Array<{ id: number; generatedBy?: { provider: string; fallback?: boolean } }>;
  const byFallback = listed.filter((item) => ids.includes(item.id) && item.generatedBy?.fallback);
  expect(byFallback.map((item) => item.generatedBy?.provider)).toEqual(Array(5).fill('alttextai'));

  const status = (await admin('GET', '/auto-alt-text/status')).body.data;
  expect(status.queue).toMatchObject({ paused: false, fallback: { active: true, provider: 'alttextai', primary: 'alttextlab', reason: 'OUT_OF_CREDITS' } });
  expect(logs.lines.some((line) => line.includes('fallback provider alttextai in use: the primary provider alttextlab is out of credits'))).toBe(true);
});

test('each key goes only to its own provider, and neither appears in the settings, the status or the log', async () => {
  emulator.setFaults({ creditsAfter: 1 }, { key: PRIMARY_KEY });
  const ids = await seedImages(app, 3, 'keys');
  await waitFor('the three images', () => allWritten(ids), 60000);
  expect(answered('alttextai').length).toBeGreaterThan(0);
  expect(primaryProxy.carrying(PRIMARY_KEY).length).toBeGreaterThan(0);
  expect(fallbackProxy.carrying(FALLBACK_KEY).length).toBeGreaterThan(0);
  expect(primaryProxy.carrying(FALLBACK_KEY)).toEqual([]);
  expect(fallbackProxy.carrying(PRIMARY_KEY)).toEqual([]);

  const settings = await admin('GET', '/auto-alt-text/settings');
  expect(settings.body.data.fallback).toEqual({ provider: 'alttextai', baseUrl: fallbackProxy.url + ALTTEXTAI_PREFIX, model: null, keySet: true, afterTransientSeconds: AFTER_TRANSIENT_SECONDS });
  const status = await admin('GET', '/auto-alt-text/status');
  for (const body of [JSON.stringify(settings.body), JSON.stringify(status.body), logs.lines.join('\n')]) {
    expect(body).not.toContain(FALLBACK_KEY);
    expect(body).not.toContain(PRIMARY_KEY);
  }
  // The fallback is set in the server configuration only: the settings API does not take it.
  expect((await admin('PUT', '/auto-alt-text/settings', { fallback: { provider: 'openai', model: 'x', baseUrl: primaryProxy.url } })).status).toBe(400);
});

test('the credits probe sends jobs back to the primary once it has credits again', async () => {
  emulator.setFaults({ creditsAfter: 0 }, { key: PRIMARY_KEY });
  const [first] = await seedImages(app, 1, 'probe-a');
  await waitFor('the first image, by the fallback', () => allWritten([first]));
  expect((await queue().stateView()).fallback).toMatchObject({ active: true, reason: 'OUT_OF_CREDITS' });

  // No credits yet: the probe leaves the jobs on the fallback.
  expect(await queue().probeCredits()).toBe(false);
  emulator.addAccount({ key: PRIMARY_KEY, credits: 50 });
  expect(await queue().probeCredits()).toBe(true);
  expect((await queue().stateView()).fallback).toMatchObject({ active: false });

  const [second] = await seedImages(app, 1, 'probe-b');
  await waitFor('the second image', () => allWritten([second]));
  expect((await provenanceOf([first, second])).map((row) => [row.fileId, row.provider, !!row.fallback])).toEqual(
    expect.arrayContaining([[first, 'alttextai', true], [second, 'alttextlab', false]])
  );
});

test('the fallback itself out of credits pauses the queue with a message naming it; a verified primary key resumes on the primary', async () => {
  emulator.setFaults({ creditsAfter: 0 }, { key: PRIMARY_KEY });
  emulator.setFaults({ creditsAfter: 1 }, { key: FALLBACK_KEY });
  const ids = await seedImages(app, 3, 'both-out');
  await waitFor('the queue to pause', async () => ((await queue().getState()).paused ? true : undefined));
  await queue().idle();
  const state = await queue().getState();
  expect(state).toMatchObject({ paused: true, reason: 'OUT_OF_CREDITS' });
  expect(state.message).toContain('the fallback provider (alttextai)');
  expect((await fileRows(app.strapi, ids)).filter((row) => row.alternativeText)).toHaveLength(1);

  emulator.addAccount({ key: PRIMARY_KEY, credits: 50 });
  const verified = await admin('POST', '/auto-alt-text/settings/verify', {});
  expect(verified.body.data).toMatchObject({ valid: true });
  expect(await queue().getState()).toMatchObject({ paused: false });
  await waitFor('the other two images, by the primary', () => allWritten(ids));
  expect((await provenanceOf(ids)).filter((row) => row.provider === 'alttextlab' && !row.fallback)).toHaveLength(2);
});

test(`a primary failing with 503s for ${AFTER_TRANSIENT_SECONDS} s sends jobs to the fallback, and is tried again ${AFTER_TRANSIENT_SECONDS} s later`, async () => {
  emulator.setFaults({ status: 503 }, { key: PRIMARY_KEY });
  const ids = await seedImages(app, 2, 'transient');
  await waitFor('both images, by the fallback', () => allWritten(ids), 30000);

  const failures = answered('alttextlab', 503);
  const firstByFallback = answered('alttextai')[0];
  // Three attempts per image (maxAttempts) take well under 2 s: the images waited for the switch instead of failing.
  expect(firstByFallback.at - failures[0].at).toBeGreaterThanOrEqual(AFTER_TRANSIENT_SECONDS * 1000 - 50);
  expect((await queue().failuresView({})).rows.filter((row) => ids.includes(row.fileId))).toEqual([]);
  expect((await provenanceOf(ids)).every((row) => row.provider === 'alttextai' && row.fallback)).toBe(true);
  expect((await queue().stateView()).fallback).toMatchObject({ active: true, reason: 'TRANSIENT' });

  // The primary is back; after the window on the fallback the next job tries it, and stays.
  emulator.clearFaults();
  await new Promise((resolve) => setTimeout(resolve, AFTER_TRANSIENT_SECONDS * 1000 + 100));
  const [later] = await seedImages(app, 1, 'transient-after');
  await waitFor('the later image', () => allWritten([later]));
  expect((await provenanceOf([later]))[0]).toMatchObject({ provider: 'alttextlab' });
  expect((await queue().stateView()).fallback).toMatchObject({ active: false });
});
