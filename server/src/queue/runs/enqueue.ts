import type { Core } from '@strapi/strapi';
import type { EstimateView, RunScope } from '../../../../shared/contracts/runs';
import type { WriteMode } from '../../../../shared/vocabulary';
import { createDecorativeStore, MARKED_DECORATIVE } from '../../alt-text/decorative';
import { spacerHint } from '../../alt-text/decorative-detect';
import { readConfig } from '../../config/read';
import { RUN_UID, type JobReason } from '../../models';
import { PLUGIN_ID } from '../../utils/plugin-id';
import { sqlDialectOf } from '../../alt-text/missing-sql';
import { createFileScanner, skipReason } from '../file-scan';
import { resolveEntriesScope } from './entries-scope';
import { assertFolderExists } from './folder-scope';
import { flaggedLocalesOf, groupByLocales } from './flagged-scope';
import { planPage, runLocales } from './locale-plan';
import { cachedLocalesOf, uncachedCalls } from './cache-estimate';
import { addCounts, yieldToEventLoop, type RunQueue, type RunRequest, type RunRow } from './types';

/**
 * Files per page, on every database. 1 000 on PostgreSQL (half the statements per file) enqueued a
 * million rows in 41.9 s with RSS +144 MB, against 35.3 s and +59 MB at 500: with the next page
 * read ahead, twice the objects outlive the young generation (docs/benchmarks.md).
 */
export const RUN_PAGE_SIZE = 500;
const ENQUEUE_LEASE_MS = 60_000;

/**
 * A run's files, page by page (one page in memory at a time, resumable from the cursor after a
 * restart): estimated before anything is spent, then enqueued — files with a job owing work are
 * counted as already queued (the database refuses a second one).
 */
export const createRunEnqueuer = (strapi: Core.Strapi, queue: () => RunQueue, settle: (runId: number) => Promise<void>) => {
  const runs = () => strapi.db.query(RUN_UID);
  const enqueuing = new Set<number>();

  /**
   * One page of a run's files, sorted: sendable (with the locales each owes), skipped with a reason,
   * or out of scope. The `missing` scope is pre-filtered in SQL only when the run writes the default
   * locale alone (the SQL rule is the default locale's); otherwise every locale is judged in code.
   */
  const classifyPage = async (scope: RunScope, mode: WriteMode, afterId: number, locale: string | null) => {
    const set = await queue().localeSet();
    const locales = runLocales(set, locale);
    const contextOf = scope.kind === 'entries' ? await resolveEntriesScope(strapi, scope) : undefined;
    const defaultOnly = locales.length === 1 && locales[0] === set.default;
    const fileScope: RunScope = contextOf ? { kind: 'ids', ids: [...contextOf.keys()] } : scope.kind === 'missing' && !defaultOnly ? { kind: 'all' } : scope;
    const window = contextOf?.size === 0 ? { files: [], lastId: undefined, full: false } : await createFileScanner(strapi).page(fileScope, afterId, RUN_PAGE_SIZE);
    const page = window.files;
    // On SQLite every statement runs on the event loop: served between the page's reads and its
    // inserts, a page's statements back to back do not hold it at once.
    await yieldToEventLoop();
    const provider = queue().providerLanguages();
    // A flagged run writes only the flagged locales, replacing the plugin's own text even in fill mode.
    const flagged = scope.kind === 'flagged' ? await flaggedLocalesOf(strapi, page, set) : undefined;
    const jobReason: JobReason = contextOf ? 'context' : flagged ? 'replace' : 'run';
    const plan = await planPage(strapi, page, { set, locales, mode, reason: jobReason, provider });
    const { maxImageMegabytes, detectDecorative } = readConfig(strapi);
    const sendable: number[] = [];
    const suggest: Array<[number, string]> = [];
    // Suggested earlier: its job would be skipped for free, so the estimate does not count it as a call either.
    const marks = detectDecorative ? await createDecorativeStore(strapi).forFiles(page.map((file) => file.id)) : new Map();
    const skipped: Record<string, number> = {};
    const owedBy = new Map<number, string[]>();
    for (const file of page) {
      if (flagged && !flagged.has(file.id)) continue;
      const owed = (plan.writable.get(file.id) ?? []).filter((locale) => !flagged || flagged.get(file.id)?.includes(locale));
      for (const language of plan.unsupported.get(file.id) ?? []) addCounts(skipped, { [`the provider does not write ${language}`]: 1 });
      // Decorative: a marked image is covered (out of the `missing` scope, skipped by name elsewhere, even by an overwrite);
      // with detection, a spacer that owes text is suggested when the run enqueues, never sent.
      if (plan.decorative.has(file.id) && scope.kind === 'missing') continue;
      const spacer = detectDecorative && owed.length > 0 ? spacerHint(file) : undefined;
      if (spacer) suggest.push([file.id, spacer]);
      const suggested = owed.length > 0 && marks.get(file.id)?.status === 'suggested';
      let reason = plan.decorative.has(file.id)
        ? MARKED_DECORATIVE
        : spacer
          ? 'looks decorative (spacer): suggested, not described'
          : suggested
            ? 'looks decorative (suggested earlier): not described'
            : skipReason(file, { mode: 'overwrite', maxImageMegabytes });
      if (!reason && owed.length === 0) reason = (contextOf || flagged) && mode === 'fill' ? 'written by a person' : 'already has alt text';
      // In the `missing` scope, files that have alt text are out of scope, not skips.
      if (reason === 'already has alt text' && scope.kind === 'missing') continue;
      if (reason) {
        skipped[reason] = (skipped[reason] ?? 0) + 1;
        continue;
      }
      sendable.push(file.id);
      owedBy.set(file.id, owed);
    }
    return { sendable, skipped, suggest, owedBy, people: plan.people, provider, contextOf, flagged, jobReason, lastId: window.lastId, full: window.full };
  };

  /** Claims the run's enqueue lease: only one replica enqueues a run; a dead enqueuer's run is taken over. */
  const leaseRun = async (runId: number): Promise<boolean> => {
    const now = new Date();
    const owner = queue().owner;
    const { count } = await runs().updateMany({
      where: {
        id: runId,
        status: 'running',
        enqueueComplete: false,
        $or: [{ enqueueLeaseUntil: null }, { enqueueLeaseUntil: { $lt: now } }, { enqueueOwner: owner }],
      },
      data: { enqueueOwner: owner, enqueueLeaseUntil: new Date(now.getTime() + ENQUEUE_LEASE_MS) },
    });
    return count === 1;
  };

  /**
   * PostgreSQL and MariaDB answer on a pool of connections: the next page is read and classified
   * while this page's jobs are inserted (only reads: the jobs, the cursor and the suggestions are
   * still written page after page, and a paused or cancelled run drops the page read ahead).
   * SQLite has one connection and a synchronous driver: reading ahead there only interleaves the
   * same statements on the event loop, so its pages stay one after the other.
   */
  const readsAhead = () => sqlDialectOf(strapi.db.connection) !== 'sqlite';

  /**
   * A pause or cancel that landed while a page's jobs were being inserted updated the run's jobs
   * before these existed: they would stay pending (and be paid for) under a paused or cancelled run.
   * Read again after the insert, the run's status is applied to them too.
   */
  const followRunStatus = async (runId: number) => {
    const now = (await runs().findOne({ where: { id: runId }, select: ['status'] })) as Pick<RunRow, 'status'> | null;
    if (now?.status === 'paused') await queue().jobs.pauseRunJobs(runId);
    else if (now?.status === 'cancelled') await queue().jobs.cancelRunJobs(runId);
  };

  const enqueuePages = async (runId: number): Promise<void> => {
    let ahead: { from: number; page: ReturnType<typeof classifyPage> } | undefined;
    for (;;) {
      const run = (await runs().findOne({ where: { id: runId } })) as RunRow | null;
      if (!run || run.status !== 'running') return;
      // The page read ahead serves only if the cursor is where it was read from.
      const page = await (ahead?.from === run.cursor ? ahead.page : classifyPage(run.scope, run.mode, run.cursor, run.locale));
      ahead = undefined;
      if (readsAhead() && page.full && page.lastId !== undefined) {
        ahead = { from: page.lastId, page: classifyPage(run.scope, run.mode, page.lastId, run.locale) };
        // Awaited at the next page; a failure meanwhile (or a page dropped) must not be an unhandled rejection.
        ahead.page.catch(() => undefined);
      }
      // An entries run describes each image with its entry's context, and may refresh the plugin's own text.
      // A flagged run's jobs each write their file's flagged locales.
      const groups = page.flagged ? groupByLocales(page.sendable, page.owedBy) : [{ fileIds: page.sendable, locales: run.locale ? [run.locale] : null }];
      let alreadyQueued = 0;
      for (const group of groups) {
        const enqueued = await queue().enqueue(group.fileIds, {
          reason: page.jobReason,
          mode: run.mode,
          lang: run.lang,
          locales: group.locales,
          // A flagged text is asked for anew: the cache would hand back the very text that was flagged.
          force: !!run.force || !!page.flagged,
          runId,
          contextOf: page.contextOf ? (fileId) => page.contextOf?.get(fileId) ?? null : undefined,
        });
        alreadyQueued += enqueued.alreadyQueued;
      }
      await followRunStatus(runId);
      await yieldToEventLoop();
      for (const [fileId, hint] of page.suggest) await createDecorativeStore(strapi).suggest(fileId, hint);
      const skipped = addCounts({ ...(run.skippedAtEnqueue ?? {}) }, page.skipped);
      if (alreadyQueued > 0) skipped['already queued'] = (skipped['already queued'] ?? 0) + alreadyQueued;
      const done = !page.full || page.lastId === undefined;
      // updateMany: one UPDATE. `update` reads the row before and after it (two more statements a page).
      await runs().updateMany({
        where: { id: runId },
        data: { cursor: page.lastId ?? run.cursor, skippedAtEnqueue: skipped, enqueueComplete: done, enqueueLeaseUntil: new Date(Date.now() + ENQUEUE_LEASE_MS), updatedAt: new Date() },
      });
      if (done) return settle(runId);
      await yieldToEventLoop();
    }
  };

  return {
    /**
     * What a run would cost before anything is spent: the images, the provider calls (one per image
     * and locale, or one per image when the provider answers every language at once), the images
     * per locale, what is queued already and what would be skipped, and why; with a budget, whether
     * the run would cross it.
     */
    async estimate(request: Pick<RunRequest, 'scope' | 'mode' | 'locale' | 'force'>): Promise<EstimateView> {
      await assertFolderExists(strapi, request.scope);
      const mode = request.mode ?? 'fill';
      const total = { images: 0, calls: 0, alreadyQueued: 0, fromCache: 0, peopleTexts: 0 };
      const set = await queue().localeSet();
      const skipped: Record<string, number> = {};
      const perLocale: Record<string, number> = {};
      for (let cursor = 0; ; ) {
        const page = await classifyPage(request.scope, mode, cursor, request.locale ?? null);
        const queued = await queue().jobs.filesWithActiveJobs(page.sendable);
        const cached = await cachedLocalesOf(strapi, page.owedBy, { set, provider: page.provider, force: request.force === true || !!page.flagged });
        for (const fileId of page.sendable) {
          if (queued.has(fileId)) continue;
          const owed = page.owedBy.get(fileId) ?? [];
          total.images += 1;
          const calls = uncachedCalls(owed, cached.get(fileId), page.provider);
          if (calls === 0 && owed.length > 0) total.fromCache += 1;
          total.calls += calls;
          total.peopleTexts += page.people.get(fileId) ?? 0;
          for (const locale of owed) perLocale[locale] = (perLocale[locale] ?? 0) + 1;
        }
        total.alreadyQueued += queued.size;
        addCounts(skipped, page.skipped);
        if (!page.full || page.lastId === undefined) break;
        cursor = page.lastId;
        await yieldToEventLoop();
      }
      // A run larger than what the budget has left is said before it starts: it will pause, then go on at the reset.
      const budget = await queue().budget();
      return {
        images: total.images,
        calls: total.calls,
        credits: total.calls,
        fromCache: total.fromCache,
        perLocale,
        alreadyQueued: total.alreadyQueued,
        peopleTexts: total.peopleTexts,
        skipped,
        budget: budget && { ...budget, wouldExceed: total.calls > budget.remaining },
      };
    },

    /** Enqueues the rest of a run from its cursor, if this process may (see `leaseRun`). */
    async continueEnqueue(runId: number): Promise<void> {
      if (enqueuing.has(runId)) return;
      enqueuing.add(runId);
      try {
        if (await leaseRun(runId)) await enqueuePages(runId);
      } catch (error) {
        strapi.log.error(`[${PLUGIN_ID}] run #${runId}: enqueueing stopped: ${error instanceof Error ? error.message : 'unknown error'}`);
      } finally {
        enqueuing.delete(runId);
      }
    },
  };
};

export type RunEnqueuer = ReturnType<typeof createRunEnqueuer>;
