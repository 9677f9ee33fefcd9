import type { AxiosResponse } from 'axios';
import { AltTextError, type AltTextErrorContext } from '../../errors';
import { fallbackStatusError, parseJsonBody, retryAfterMsOf, safeCode } from '../http/status';
import { errorBody } from './schemas';

interface ErrorFacts {
  /** `error.code` or, failing that, `error.type`, when it is an identifier. */
  code?: string;
  type?: string;
  /** The provider's message, read to classify and never repeated. */
  message: string;
}

const factsOf = (response: AxiosResponse<string>): ErrorFacts => {
  const parsed = errorBody.safeParse(parseJsonBody(response));
  if (!parsed.success) return { message: '' };
  const { error } = parsed.data;
  if (typeof error === 'string') return { message: error };
  return { code: safeCode(error.code), type: safeCode(error.type), message: error.message ?? '' };
};

/**
 * OpenAI's error rules, which OpenRouter, vLLM, LM Studio and Ollama follow closely enough:
 * 401/403 the key, 429 either the quota (`insufficient_quota`) or a rate limit, 400 for images
 * it could not download or read, 404 for an unknown model or URL.
 */
export const toOpenAiError = (
  response: AxiosResponse<string>,
  context: AltTextErrorContext,
  setup: { model?: string; hasKey: boolean }
): AltTextError => {
  const status = response.status;
  const facts = factsOf(response);
  const label = facts.code ?? facts.type;
  const tag = `${status}${label ? ` ${label}` : ''}`;
  const withStatus = { ...context, status, retryAfterMs: retryAfterMsOf(response) };
  const aboutModel = facts.code === 'model_not_found' || /\bmodel\b/i.test(facts.message);
  const model = setup.model ? `"${setup.model}"` : 'the configured model';

  if (status === 401) {
    const reason = setup.hasKey ? 'the API key was rejected (401)' : 'the server wants an API key and none is configured: set `apiKey` (401)';
    return new AltTextError('INVALID_KEY', reason, withStatus);
  }
  if (status === 403) return new AltTextError('INVALID_KEY', `the key may not use this API or model (${tag})`, withStatus);
  if (status === 429) {
    if (facts.code === 'insufficient_quota' || facts.type === 'insufficient_quota') {
      return new AltTextError('OUT_OF_CREDITS', `the account's quota is used up (${tag})`, withStatus);
    }
    return new AltTextError('RATE_LIMITED', `too many requests (${tag})`, withStatus);
  }
  if (status === 404) {
    return aboutModel
      ? new AltTextError('MISCONFIGURED', `the model ${model} does not exist on this server: check \`model\` (${tag})`, withStatus)
      : new AltTextError('MISCONFIGURED', `no chat completions endpoint here: check \`baseUrl\`, which usually ends in /v1 (${tag})`, withStatus);
  }
  if (status === 400 || status === 413 || status === 415 || status === 422) {
    if (facts.code === 'invalid_image_url' || /download|fetch|retriev|timeout while/i.test(facts.message)) {
      return new AltTextError('IMAGE_UNREACHABLE', `the provider could not download the image (${tag})`, withStatus);
    }
    if (status === 413 || /image/i.test(`${facts.code ?? ''} ${facts.message}`)) {
      return new AltTextError('UNSUPPORTED_IMAGE', `the provider could not read the image (${tag})`, withStatus);
    }
    if (aboutModel) {
      return new AltTextError('MISCONFIGURED', `the model ${model} refused the request; is it a vision model? (${tag})`, withStatus);
    }
    return new AltTextError('BAD_RESPONSE', `the server refused the request (${tag})`, withStatus);
  }
  return fallbackStatusError(response, context);
};

/**
 * A 400 about `response_format` itself: LM Studio takes only `json_schema` or `text` and answers
 * `{ "error": "'response_format.type' must be 'json_schema' or 'text'" }`; some gateways and older
 * models take no `response_format` at all. The request was refused before any work, so nothing
 * was spent, and the caller may ask again without it.
 */
export const refusesJsonMode = (response: AxiosResponse<string>): boolean => {
  if (response.status !== 400 && response.status !== 422) return false;
  const parsed = errorBody.safeParse(parseJsonBody(response));
  if (!parsed.success) return false;
  const { error } = parsed.data;
  const said = typeof error === 'string' ? error : `${error.param ?? ''} ${String(error.code ?? '')} ${error.message ?? ''}`;
  return /response_format|json_object|json mode/i.test(said);
};
