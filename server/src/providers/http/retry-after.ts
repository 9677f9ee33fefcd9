import type { AxiosResponse } from 'axios';

/**
 * How long a provider asks us to wait after a rate limit. Every worker of this process waits that
 * long, so the answer is bounded: at most one hour, however far away the provider says, and
 * `undefined` when it said nothing readable (the queue then waits its own `rateLimitWaitMs`).
 */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/**
 * RFC 9110 delay-seconds is `1*DIGIT`. A decimal fraction or exponent ("2.5", "1e+300", as some
 * servers print a float) is read too; a sign, hex or anything else is not a number of seconds.
 */
const SECONDS = /^\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)';
const LONG_DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
// The three forms RFC 9110 §5.6.7 obliges a recipient to read, and nothing else: Date.parse would
// also accept "-5" (the year 2001) or "12/31/2099" (local time) and turn them into a wait.
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{1,2}) ([a-z]{3}) (\\d{4}) ${TIME} (?:GMT|UTC)$`, 'i');
const RFC850_DATE = new RegExp(`^${LONG_DAY}, (\\d{2})-([a-z]{3})-(\\d{2}) ${TIME} GMT$`, 'i');
const ASCTIME_DATE = new RegExp(`^${DAY} ([a-z]{3}) ([ \\d]\\d) ${TIME} (\\d{4})$`, 'i');

interface DateParts {
  day: string;
  month: string;
  year: number;
  hour: string;
  minute: string;
  second: string;
}

/** A two-digit year more than 50 years ahead is the last century's (RFC 9110 §5.6.7). */
const fullYear = (twoDigits: number, now: number): number => {
  const thisYear = new Date(now).getUTCFullYear();
  const year = thisYear - (thisYear % 100) + twoDigits;
  return year > thisYear + 50 ? year - 100 : year;
};

const partsOf = (value: string, now: number): DateParts | undefined => {
  let m = IMF_FIXDATE.exec(value);
  if (m) return { day: m[1], month: m[2], year: Number(m[3]), hour: m[4], minute: m[5], second: m[6] };
  m = RFC850_DATE.exec(value);
  if (m) return { day: m[1], month: m[2], year: fullYear(Number(m[3]), now), hour: m[4], minute: m[5], second: m[6] };
  m = ASCTIME_DATE.exec(value);
  if (m) return { month: m[1], day: m[2].trim(), hour: m[3], minute: m[4], second: m[5], year: Number(m[6]) };
  return undefined;
};

/** An HTTP date as epoch milliseconds (always GMT); undefined for an impossible one (31 Feb, 25:00). */
const parseHttpDate = (value: string, now: number): number | undefined => {
  const parts = partsOf(value, now);
  if (!parts) return undefined;
  const month = MONTHS.indexOf(parts.month.toLowerCase());
  const [day, hour, minute, second] = [parts.day, parts.hour, parts.minute, parts.second].map(Number);
  if (month < 0 || hour > 23 || minute > 59 || second > 60) return undefined;
  const time = Date.UTC(parts.year, month, day, hour, minute, second);
  const date = new Date(time);
  return date.getUTCDate() === day && date.getUTCMonth() === month ? time : undefined;
};

/** Rounded up so a retry never comes early; clamped to [0, MAX_RETRY_AFTER_MS]. */
const bounded = (ms: number): number => Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.ceil(ms)));

/**
 * `Retry-After` as milliseconds to wait: delay-seconds or an HTTP date (a date in the past means
 * now). Undefined when absent or unreadable, including negative numbers and strings that are no
 * HTTP date; at most MAX_RETRY_AFTER_MS.
 */
export const parseRetryAfterMs = (value: unknown, now = Date.now()): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (SECONDS.test(text)) return bounded(Number(text) * 1000);
  const date = parseHttpDate(text, now);
  return date === undefined ? undefined : bounded(date - now);
};

/** `retry-after-ms` (Azure OpenAI, OpenAI's own clients) wins over `Retry-After` when it is readable. */
export const retryAfterMsOf = (response: AxiosResponse<string>): number | undefined => {
  const raw: unknown = response.headers['retry-after-ms'];
  const text = typeof raw === 'string' ? raw.trim() : '';
  return SECONDS.test(text) ? bounded(Number(text)) : parseRetryAfterMs(response.headers['retry-after']);
};
