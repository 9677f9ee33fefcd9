import { z } from 'zod';
import type { AxiosResponse } from 'axios';
import { AltTextError, type AltTextErrorContext } from '../errors';
import type { AltTextProvider, GenerateRequest, ProviderSettings } from '../types';
import { createHttpClient } from '../../utils/http-client';
import { cleanAltText } from '../../utils/clean-alt-text';
import { describeBody, mapHttpFailure, parseJsonBody, parseRetryAfterMs } from '../http-errors';

/** AltTextLab: https://app.alttextlab.com/api/v1, `x-api-key`, `imageUrl` or `imageRaw`. */
export const ALTTEXTLAB_BASE_URL = 'https://app.alttextlab.com/api/v1';

const generateResponse = z.object({ result: z.string(), id: z.union([z.number(), z.string()]).optional() });
const subscriptionInfo = z.object({
  planName: z.string().nullish(),
  isActive: z.boolean().nullish(),
  credits: z.number(),
  nextReceiving: z.union([z.number(), z.string()]).nullish(),
  nextReceivingAt: z.string().nullish(),
});
const errorBody = z.object({ key: z.string().optional(), message: z.string().optional() }).loose();

export const createAltTextLabProvider = (settings: ProviderSettings): AltTextProvider => {
  const http = createHttpClient({
    baseURL: settings.baseUrl ?? ALTTEXTLAB_BASE_URL,
    headers: { 'x-api-key': settings.apiKey },
    timeoutMs: settings.timeoutMs,
  });

  const call = async (method: 'GET' | 'POST', path: string, context: AltTextErrorContext, body?: unknown) =>
    http.request({ method, path, body }).catch((error: unknown) => mapHttpFailure(error, context));

  return {
    name: 'alttextlab',
    accepts: ['url', 'base64'],

    async generate(request: GenerateRequest) {
      const context: AltTextErrorContext = { provider: 'alttextlab', file: request.fileLabel };
      const image = 'url' in request.image ? { imageUrl: request.image.url } : { imageRaw: request.image.base64 };
      const response = await call('POST', '/alt-text/generate', context, {
        ...image,
        lang: request.lang,
        style: request.style,
        ...(request.keywords?.length ? { keywords: request.keywords } : {}),
        source: 'strapi-plugin-auto-alt-text',
      });
      if (response.status !== 200 && response.status !== 201) throw toError(response, context);
      const parsed = generateResponse.safeParse(parseJsonBody(response));
      if (!parsed.success) {
        throw new AltTextError('BAD_RESPONSE', `unexpected answer: ${describeBody(response)}`, context);
      }
      const text = cleanAltText(parsed.data.result, settings.maxLength);
      if (!text) throw new AltTextError('BAD_RESPONSE', 'the provider returned empty alt text', context);
      return text;
    },

    async verifyKey() {
      const context: AltTextErrorContext = { provider: 'alttextlab' };
      const response = await call('GET', '/subscriptions/info', context);
      if (response.status === 401 || response.status === 403) return { valid: false };
      const info = parseInfo(response, context);
      return { valid: true, account: info.planName ?? undefined };
    },

    async getCredits() {
      const context: AltTextErrorContext = { provider: 'alttextlab' };
      const info = parseInfo(await call('GET', '/subscriptions/info', context), context);
      return {
        remaining: info.credits,
        plan: info.planName ?? undefined,
        refillsAt: info.nextReceivingAt ?? undefined,
      };
    },
  };
};

const parseInfo = (response: AxiosResponse<string>, context: AltTextErrorContext) => {
  if (response.status !== 200) throw toError(response, context);
  const parsed = subscriptionInfo.safeParse(parseJsonBody(response));
  if (!parsed.success) {
    throw new AltTextError('BAD_RESPONSE', `unexpected account answer: ${describeBody(response)}`, context);
  }
  return parsed.data;
};

/** AltTextLab's documented statuses, and defensive readings of the undocumented ones. */
const toError = (response: AxiosResponse<string>, context: AltTextErrorContext): AltTextError => {
  const status = response.status;
  const body = errorBody.safeParse(parseJsonBody(response));
  const key = body.success ? body.data.key : undefined;
  const withStatus = { ...context, status };
  if (status === 401) return new AltTextError('INVALID_KEY', 'the API key was rejected (401)', withStatus);
  if (status === 403 && key === 'NOT_ENOUGH_FUNDS') {
    return new AltTextError('OUT_OF_CREDITS', 'the account has no credits left (403 NOT_ENOUGH_FUNDS)', withStatus);
  }
  if (status === 403) return new AltTextError('INVALID_KEY', 'access was refused (403)', withStatus);
  if (status === 429) {
    const retryAfterMs = parseRetryAfterMs(response.headers['retry-after']);
    return new AltTextError('RATE_LIMITED', 'too many requests (429)', { ...withStatus, retryAfterMs });
  }
  // "An image it cannot fetch or process gives a server error and costs no credit."
  if (key === 'IMAGE_FETCH_FAILED') {
    return new AltTextError('IMAGE_UNREACHABLE', `the provider could not download the image (${status})`, withStatus);
  }
  if (key === 'IMAGE_INVALID' || status === 400 || status === 413 || status === 415 || status === 422) {
    return new AltTextError('UNSUPPORTED_IMAGE', `the provider could not process the image (${status})`, withStatus);
  }
  if (status >= 500) {
    return new AltTextError('TRANSIENT', `server error ${status} with ${describeBody(response)}`, withStatus);
  }
  return new AltTextError('BAD_RESPONSE', `unexpected status ${status} with ${describeBody(response)}`, withStatus);
};
