// What every provider shares: the emulator's state, fault application in a fixed order,
// recording of generation calls, and the credit spent on one image. Providers supply a `Dialect`
// that renders errors their way.

import { redactKey, type AccountStore } from './accounts';
import type { DescribeOptions } from './describe';
import type { EndpointKind, FaultStore } from './faults';
import { isSuccess, replyStatus, type Reply } from './http';
import { describeInput, type ImageInput, type ImageOutcome } from './image-input';
import type { RequestRecorder } from './recorder';
import { sleepUntil, withinServiceTime, type WorkClock } from './service-time';
import type { BadLanguages, FaultStatus, ProviderName, RecordedRequest } from './types';

export interface EmulatorCore {
  accounts: AccountStore;
  faults: FaultStore;
  recorder: RequestRecorder;
  fetchTimeoutMs: number;
  /** How long each kind of call's own work took lately: `latencyMs` is taken out of it. */
  workClocks: Record<EndpointKind, WorkClock>;
  /** Increasing ids for generated results (AltTextLab `id`, OpenAI `chatcmpl-…`). */
  nextId(): number;
}

/** How one provider phrases the answers that faults and auth failures produce. */
export interface Dialect {
  provider: ProviderName;
  unauthorized(): Reply;
  /** `headers` carries the fault's `Retry-After`, when it has one. */
  faultStatus(status: FaultStatus, headers: Record<string, string>): Reply;
  /** Valid JSON that lacks the fields a client relies on. */
  wrongShape(body: unknown): unknown;
  /**
   * A multi-language answer, botched the way `fault` says; undefined when `body` is not one (so
   * the fault leaves it alone). Only APIs that answer several languages at once have it.
   */
  badLanguages?(body: unknown, fault: BadLanguages): unknown;
}

/** Per-image facts of a generation call, filled in by the provider as it works. */
export type GenerateTrace = Omit<RecordedRequest, 'provider' | 'key' | 'status' | 'fault' | 'at'>;

const STATUS_TEXT: Record<number, string> = {
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
};

/** What nginx in front of a dead upstream sends: clients that blindly parse JSON trip on it. */
function htmlErrorPage(status: number): string {
  const title = `${status} ${STATUS_TEXT[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * Runs `work` under whatever faults hit this request. The reply's `fault` names the faults that
 * shaped it (for the recorder and the log). `startedAt` is when the request arrived: a
 * `latencyMs` fault makes the whole call last that long, its own work included
 * (see service-time.ts).
 */
export async function withFaults(
  core: EmulatorCore,
  dialect: Dialect,
  key: string | undefined,
  endpoint: EndpointKind,
  startedAt: number,
  work: () => Promise<Reply>,
): Promise<Reply> {
  const clock = core.workClocks[endpoint];
  const faults = core.faults.take(key, endpoint);
  if (!faults) return withinServiceTime(clock, startedAt, undefined, work);

  const labels: string[] = [];
  const label = (): string | undefined => (labels.length > 0 ? labels.join('+') : undefined);
  if (faults.latencyMs) labels.push('latency');
  // Faults that answer instead of doing the work wait out the whole latency.
  const answersWithoutWork = faults.hang || faults.htmlBody || faults.status || faults.invalidKey;
  if (faults.latencyMs && answersWithoutWork) await sleepUntil(startedAt + faults.latencyMs);
  if (faults.hang) {
    labels.push('hang');
    return { kind: 'hang', fault: label() };
  }
  const retryHeaders: Record<string, string> =
    faults.retryAfterSeconds !== undefined ? { 'retry-after': String(faults.retryAfterSeconds) } : {};
  if (faults.htmlBody) {
    const status = faults.status ?? 502;
    labels.push(`html:${status}`);
    const reply: Reply = {
      kind: 'text',
      status,
      body: htmlErrorPage(status),
      contentType: 'text/html; charset=utf-8',
      headers: retryHeaders,
    };
    return { ...reply, fault: label() };
  }
  if (faults.status) {
    labels.push(`status:${faults.status}`);
    return { ...dialect.faultStatus(faults.status, retryHeaders), fault: label() };
  }
  if (faults.invalidKey) {
    labels.push('invalidKey');
    return { ...dialect.unauthorized(), fault: label() };
  }

  const reply = await withinServiceTime(clock, startedAt, faults.latencyMs, work);
  if (isSuccess(reply) && faults.malformedJson) {
    labels.push('malformedJson');
    const text = JSON.stringify(reply.body);
    const truncated: Reply = {
      kind: 'text',
      status: reply.status,
      body: text.slice(0, Math.max(1, Math.floor(text.length / 2))),
      contentType: 'application/json; charset=utf-8',
    };
    return { ...truncated, fault: label() };
  }
  if (isSuccess(reply) && faults.wrongShape) {
    labels.push('wrongShape');
    return { ...reply, body: dialect.wrongShape(reply.body), fault: label() };
  }
  const botched = isSuccess(reply) && faults.badLanguages ? dialect.badLanguages?.(reply.body, faults.badLanguages) : undefined;
  if (isSuccess(reply) && botched !== undefined) {
    labels.push(`badLanguages:${faults.badLanguages}`);
    return { ...reply, body: botched, fault: label() };
  }
  return { ...reply, fault: label() };
}

/** `withFaults` for a paid generation call, recording one entry per image in `traces`. */
export async function runGeneration(
  core: EmulatorCore,
  dialect: Dialect,
  key: string | undefined,
  at: number,
  traces: GenerateTrace[],
  work: () => Promise<Reply>,
): Promise<Reply> {
  const answered = core.recorder.begin();
  const reply = await withFaults(core, dialect, key, 'generate', at, work).finally(answered);
  const status = replyStatus(reply);
  for (const trace of traces.length > 0 ? traces : [{}]) {
    core.recorder.record({
      provider: dialect.provider,
      key: key === undefined ? undefined : redactKey(key),
      ...trace,
      status,
      fault: reply.fault,
      at,
    });
  }
  return reply;
}

/** What one paid image came to: the description, its failure, or no credit to pay for it. */
export type PaidOutcome = ImageOutcome | { ok: false; kind: 'no-credits' };

/**
 * Describes one image for one credit. The credit is reserved before the slow work so concurrent
 * calls cannot overspend, kept on success and refunded on failure: a failed image costs nothing.
 * Fills in the image's trace for the recorder.
 */
export async function describeForCredit(
  core: EmulatorCore,
  key: string,
  image: ImageInput,
  options: DescribeOptions,
  trace: GenerateTrace,
): Promise<PaidOutcome> {
  if (!core.accounts.reserve(key)) return { ok: false, kind: 'no-credits' };
  const outcome = await describeInput(image, { ...options, fetchTimeoutMs: core.fetchTimeoutMs });
  trace.imageFetchStatus = outcome.fetchStatus;
  if (!outcome.ok) {
    core.accounts.refund(key);
    return outcome;
  }
  core.accounts.commit(key);
  trace.result = outcome.text;
  return outcome;
}
