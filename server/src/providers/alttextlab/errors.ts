import type { AxiosResponse } from 'axios';
import { AltTextError, type AltTextErrorContext } from '../../errors';
import { fallbackStatusError, parseJsonBody, safeCode } from '../http/status';
import { errorBody } from './schemas';

/**
 * AltTextLab's documented answers (401 invalid key, 403 `NOT_ENOUGH_FUNDS`, "a server error" for an
 * image it cannot fetch or process) and defensive readings of the undocumented ones.
 */
export const toAltTextLabError = (response: AxiosResponse<string>, context: AltTextErrorContext): AltTextError => {
  const status = response.status;
  const body = errorBody.safeParse(parseJsonBody(response));
  const key = body.success ? safeCode(body.data.key) : undefined;
  const withStatus = { ...context, status };
  if (status === 403 && key === 'NOT_ENOUGH_FUNDS') {
    return new AltTextError('OUT_OF_CREDITS', 'the account has no credits left (403 NOT_ENOUGH_FUNDS)', withStatus);
  }
  if (status === 403) return new AltTextError('INVALID_KEY', `access was refused (403${key ? ` ${key}` : ''})`, withStatus);
  if (key === 'IMAGE_FETCH_FAILED') {
    return new AltTextError('IMAGE_UNREACHABLE', `the provider could not download the image (${status} ${key})`, withStatus);
  }
  if (key === 'IMAGE_INVALID' || status === 400 || status === 413 || status === 415 || status === 422) {
    return new AltTextError('UNSUPPORTED_IMAGE', `the provider could not process the image (${status}${key ? ` ${key}` : ''})`, withStatus);
  }
  return fallbackStatusError(response, context);
};
