/**
 * (6) Entry context per image: what `forFile` costs for each way an image can be used (an
 * article's cover; a figure in a repeatable component; a figure in a dynamic zone; a figure nested
 * in a component of the dynamic zone; one image on five entries; an image on none), in SQL
 * statements and time, and what it adds to one job end to end: the same jobs on an app with
 * `entryContext.enabled` (the default) and on one with it off (config/plugins, through
 * ALT_TEXT_EXTRA_CONFIG). Emulator latency 0, one job at a time, the worker's idle poll at 60 s so
 * nothing but the job reaches the database — except, once per fresh app, Strapi's upload plugin
 * computing its weekly metrics 15 s after the first boot (~10 statements: folders, files, the core
 * store), which can land in one repetition's window: hence medians, with min and max in `raw`.
 */
import type { BenchContext, Db } from '../lib/context';
import { round } from '../lib/stats';
import { CONTEXT_SHAPES, type ContextShape } from '../lib/context-shapes';

/** Nearest-rank median (of an odd count, the middle value). */
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.ceil(sorted.length / 2) - 1];
};

interface ResolveResult {
  reps: number;
  found: Record<ContextShape, { entries: number; more: number }>;
  counts: Record<ContextShape, number[]>;
  micros: Record<ContextShape, number[]>;
  sample: Record<ContextShape, string[]>;
}

interface JobShape {
  statuses: string[];
  total: number[];
  untilFinish: number[];
  enqueue: number[];
  msMedian: number;
  byStatement: Record<string, number>;
}

interface JobResult {
  entryContextEnabled: boolean;
  reps: number;
  msInOrder: number[];
  quietMs: number;
  shapes: Record<ContextShape, JobShape>;
}

const APP_ENV = {
  ALT_TEXT_AUTO_ON_UPLOAD: 'false',
  // One job at a time and nothing else: the idle poll and the credits probe stay out of the window.
  ALT_TEXT_POLL_INTERVAL_MS: '60000',
  ALT_TEXT_CREDITS_PROBE_SECONDS: '0',
  ALT_TEXT_REQUESTS_PER_SECOND: '0',
};

const perShape = <T>(make: (shape: ContextShape) => T) => Object.fromEntries(CONTEXT_SHAPES.map((shape) => [shape, make(shape)])) as Record<ContextShape, T>;

const summarizeJobs = (jobs: JobResult) =>
  perShape((shape) => {
    const s = jobs.shapes[shape];
    return {
      statements: median(s.total),
      min: Math.min(...s.total),
      max: Math.max(...s.total),
      untilFinish: median(s.untilFinish),
      notDone: s.statuses.filter((status) => status !== 'done').length,
      /** Enqueue → finish update, wall time (noisy: includes the emulator fetching the image). */
      enqueueToFinishMsMedian: round(s.msMedian, 1),
      byStatement: s.byStatement,
    };
  });

/**
 * The plugin's own time per job: enqueue → the commit of the job's end, minus the provider call
 * the emulator served for it (one call per job, in the same order; else its median call). With
 * the emulator at latency 0 this is everything around the call: claim, reads, writes, commit.
 */
const bookkeepingOf = (jobMs: number[], callMs: number[]) => {
  const paired = callMs.length === jobMs.length;
  const perJob = jobMs.map((ms, i) => ms - (paired ? callMs[i] : median(callMs)));
  const sorted = [...perJob].sort((a, b) => a - b);
  return {
    jobs: perJob.length,
    pairedWithCalls: paired,
    p50: round(median(perJob), 1),
    p90: round(sorted[Math.ceil(0.9 * sorted.length) - 1], 1),
    callMsP50: round(median(callMs), 1),
  };
};

export async function runContext(ctx: BenchContext, db: Db) {
  const resolveReps = ctx.quick ? 20 : 200;
  const jobReps = ctx.quick ? 3 : 9;
  await ctx.emulator.call('clearFaults');

  const measureJobs = async (name: string, env: Record<string, string>, resolve: boolean) => {
    const app = await ctx.startApp(name, db, { ...APP_ENV, ...env });
    try {
      const { files } = await app.child.call<{ files: Record<ContextShape, number> }>('contextSetup');
      let resolved: ResolveResult | undefined;
      if (resolve) {
        ctx.log(`  forFile: ${resolveReps} calls per shape`);
        resolved = await app.child.call<ResolveResult>('contextResolve', { files, reps: resolveReps });
      }
      ctx.log(`  jobs: ${jobReps} per shape, one at a time (${name})`);
      const since = Date.now();
      const jobs = await app.child.call<JobResult>('jobSql', { files, reps: jobReps });
      const calls = await ctx.emulator.call<{ durationsMs: number[] }>('calls', { since });
      return { resolved, jobs, bookkeeping: bookkeepingOf(jobs.msInOrder, calls.durationsMs) };
    } finally {
      await app.stop();
    }
  };

  const on = await measureJobs(`context-${db}`, {}, true);
  const off = await measureJobs(`context-${db}-off`, { ALT_TEXT_EXTRA_CONFIG: JSON.stringify({ entryContext: { enabled: false } }) }, false);
  if (!on.jobs.entryContextEnabled || off.jobs.entryContextEnabled) {
    throw new Error(`entryContext.enabled should be true then false, was ${on.jobs.entryContextEnabled} then ${off.jobs.entryContextEnabled}`);
  }
  const resolved = on.resolved as ResolveResult;
  const jobsOn = summarizeJobs(on.jobs);
  const jobsOff = summarizeJobs(off.jobs);

  const queries = perShape((shape) => ({
    statements: median(resolved.counts[shape]),
    medianUs: round(median(resolved.micros[shape]), 0),
  }));
  const jobSql = perShape((shape) => ({
    withContext: jobsOn[shape].statements,
    withoutContext: jobsOff[shape].statements,
    added: jobsOn[shape].statements - jobsOff[shape].statements,
  }));
  for (const shape of CONTEXT_SHAPES) {
    ctx.log(
      `    ${shape.padEnd(13)} forFile ${queries[shape].statements} statements, ${queries[shape].medianUs} µs; ` +
        `job ${jobSql[shape].withContext} statements with context, ${jobSql[shape].withoutContext} without`
    );
  }
  ctx.log(`    bookkeeping per job, p50: ${on.bookkeeping.p50} ms with context, ${off.bookkeeping.p50} ms without (the call taken out)`);
  return {
    contextQueriesPerImage: queries,
    jobSqlPerImage: jobSql,
    /** Plugin time per job outside the provider call, p50, one job at a time, default settings (entry context on). */
    bookkeepingMsP50: on.bookkeeping.p50,
    raw: {
      forFile: perShape((shape) => ({
        reps: resolved.reps,
        entries: resolved.found[shape].entries,
        more: resolved.found[shape].more,
        statements: { median: median(resolved.counts[shape]), min: Math.min(...resolved.counts[shape]), max: Math.max(...resolved.counts[shape]) },
        us: {
          p50: round(median(resolved.micros[shape]), 0),
          p95: round([...resolved.micros[shape]].sort((a, b) => a - b)[Math.ceil(0.95 * resolved.micros[shape].length) - 1], 0),
          min: round(Math.min(...resolved.micros[shape]), 0),
        },
        sampleStatements: resolved.sample[shape],
      })),
      jobs: {
        reps: on.jobs.reps,
        quietMs: on.jobs.quietMs,
        note:
          'statements from the enqueue (its own insert not counted) until the worker sleeps again: pause check, claim, the job ' +
          '(file reads, context, alt text write, provenance, finish) and the worker looking once more for work; ' +
          'untilFinish stops at the commit of the job\'s end; bookkeepingMs: enqueue → that commit minus the emulator\'s call',
        withContext: jobsOn,
        withoutContext: jobsOff,
        bookkeepingMs: { withContext: on.bookkeeping, withoutContext: off.bookkeeping },
      },
    },
  };
}
