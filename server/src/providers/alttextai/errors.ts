import type { AxiosResponse } from 'axios';
import { AltTextError, type AltTextErrorCode, type AltTextErrorContext } from '../../errors';
import { describeBody, fallbackStatusError, parseJsonBody, retryAfterMsOf } from '../http/status';
import { errorBody, type ImageResult } from './schemas';

type Meaning = Extract<AltTextErrorCode, 'OUT_OF_CREDITS' | 'RATE_LIMITED' | 'IMAGE_UNREACHABLE' | 'UNSUPPORTED_IMAGE' | 'MISCONFIGURED'>;

/**
 * AltTextAI answers 403 both for "No credits remaining" and for a rate limit, and reports per-image
 * failures as text, so its messages are read (never repeated: they are the provider's words).
 */
export const meaningOf = (message: string | null | undefined): Meaning | undefined => {
  if (!message) return undefined;
  if (/credit/i.test(message)) return 'OUT_OF_CREDITS';
  if (/rate.?limit|too many|throttl|slow down/i.test(message)) return 'RATE_LIMITED';
  if (/not accessible|unreachable|could not (?:be )?(?:fetch|download|reach)|fetch|download/i.test(message)) return 'IMAGE_UNREACHABLE';
  if (/language/i.test(message)) return 'MISCONFIGURED';
  if (/image|format|file/i.test(message)) return 'UNSUPPORTED_IMAGE';
  return undefined;
};

/** A message about the key or the account behind it ("Account suspended", "API key revoked"). */
const ABOUT_KEY = /\b(?:api[ _-]?key|key|token|account|user|credentials?)\b/i;
const REFUSED = /\b(?:invalid|inactive|suspended|disabled|deactivated|banned|blocked|revoked|expired|locked|terminated|deleted|missing|unknown)\b/i;
const isAboutKey = (message: string | null | undefined): boolean =>
  !!message && (/\bunauthori[sz]ed\b|\bnot authori[sz]ed\b/i.test(message) || (ABOUT_KEY.test(message) && REFUSED.test(message)));

const REASONS: Record<Meaning, string> = {
  OUT_OF_CREDITS: 'the account has no credits left',
  RATE_LIMITED: 'too many requests',
  IMAGE_UNREACHABLE: 'the provider could not download the image',
  UNSUPPORTED_IMAGE: 'the provider could not process the image',
  MISCONFIGURED: 'the provider refused the configured language',
};

/**
 * A 403 is only what its body says. A firewall or CDN in front of the API answers 403 too (an HTML
 * page, an empty body, someone else's JSON): nothing to wait out and nothing that blames the key,
 * so the image fails with a reason naming the kind of body, and the queue goes on.
 */
const forbiddenError = (
  response: AxiosResponse<string>,
  message: string | null | undefined,
  meaning: Meaning | undefined,
  withStatus: AltTextErrorContext
): AltTextError => {
  if (meaning === 'OUT_OF_CREDITS') return new AltTextError('OUT_OF_CREDITS', `${REASONS.OUT_OF_CREDITS} (403)`, withStatus);
  if (meaning === 'RATE_LIMITED') return new AltTextError('RATE_LIMITED', 'rate limited (403)', withStatus);
  if (isAboutKey(message)) return new AltTextError('INVALID_KEY', 'the API key or its account was refused (403)', withStatus);
  const what = `${describeBody(response)}${message ? ' whose message names no known reason' : ''}`;
  return new AltTextError('BAD_RESPONSE', `access refused (403) with ${what} (not credits, a rate limit or the key)`, withStatus);
};

export const toAltTextAiError = (response: AxiosResponse<string>, context: AltTextErrorContext): AltTextError => {
  const status = response.status;
  const body = errorBody.safeParse(parseJsonBody(response));
  const message = body.success ? body.data.error : undefined;
  const meaning = meaningOf(message) ?? meaningOf(body.success ? body.data.results?.[0]?.error : undefined);
  const withStatus = { ...context, status, retryAfterMs: retryAfterMsOf(response) };

  if (status === 401) return new AltTextError('INVALID_KEY', 'the API key is invalid or inactive (401)', withStatus);
  if (status === 403) return forbiddenError(response, message, meaning, withStatus);
  if (status === 404) {
    // "Image URL not accessible" is a 404; so is a wrong base URL, which no retry will fix.
    if (meaning === 'IMAGE_UNREACHABLE' || meaning === 'UNSUPPORTED_IMAGE' || /url|image/i.test(message ?? '')) {
      return new AltTextError('IMAGE_UNREACHABLE', `${REASONS.IMAGE_UNREACHABLE} (404)`, withStatus);
    }
    return new AltTextError('MISCONFIGURED', 'no such endpoint (404): check `baseUrl`', withStatus);
  }
  if (status === 400 || status === 413 || status === 415 || status === 422) {
    const code = meaning === 'MISCONFIGURED' || meaning === 'IMAGE_UNREACHABLE' ? meaning : 'UNSUPPORTED_IMAGE';
    return new AltTextError(code, `${REASONS[code]} (${status})`, withStatus);
  }
  return fallbackStatusError(response, context);
};

/** A 200 whose `results[0]` failed (a batch can succeed while one image does not). */
export const toImageResultError = (result: ImageResult, context: AltTextErrorContext): AltTextError => {
  const code = meaningOf(result.error) ?? 'UNSUPPORTED_IMAGE';
  return new AltTextError(code, `${REASONS[code]} (the image's result was marked failed)`, context);
};
