import type { Locks } from '../config/locks';
import { baseUrlSchema, type PluginConfig } from '../config/schema';
import { endpointOf, sameEndpoint } from '../config/saved-key';
import { lockedError, retypeKeyOnVerify, settingsFieldErrorsOf as fieldErrorsOf, verifySettingsSchema, type FieldError } from './settings';

export type VerifyTarget =
  | { ok: true; config: PluginConfig; /** the key and endpoint in force, unchanged */ inForce: boolean }
  | { ok: false; errors: FieldError[] };

/** '' and null mean "no value" (the provider's default address, no model). */
const blankToUndefined = (value: string | null | undefined) => (value === null || value === undefined || value.trim() === '' ? undefined : value.trim());

/**
 * What Verify may ask, and with which key. Locked values are honoured exactly as by Save; the key in
 * force goes only to the endpoint in force; any other provider or base URL is asked only with a key
 * typed in the same request — or, for an OpenAI-compatible server, with no key at all.
 */
export const verifyTarget = (body: unknown, inForce: PluginConfig, locked: Locks): VerifyTarget => {
  const parsed = verifySettingsSchema.safeParse(body);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error.issues) };
  const request = parsed.data;
  const config: PluginConfig = {
    ...inForce,
    provider: request.provider ?? inForce.provider,
    baseUrl: request.baseUrl === undefined ? inForce.baseUrl : blankToUndefined(request.baseUrl),
    model: request.model === undefined ? inForce.model : blankToUndefined(request.model),
  };

  const errors: FieldError[] = [];
  for (const key of ['provider', 'baseUrl', 'model'] as const) {
    if (request[key] !== undefined && locked[key] && config[key] !== inForce[key]) errors.push(lockedError([key]));
  }
  if (config.baseUrl !== undefined && !errors.some((error) => error.path[0] === 'baseUrl')) {
    const url = baseUrlSchema.safeParse(config.baseUrl);
    if (!url.success) errors.push(...fieldErrorsOf(url.error.issues).map((error) => ({ ...error, path: ['baseUrl'] })));
  }
  if (errors.length > 0) return { ok: false, errors };

  const typed = blankToUndefined(request.apiKey);
  const sameAsInForce = sameEndpoint(endpointOf(config), endpointOf(inForce));
  if (typed) return { ok: true, config: { ...config, apiKey: typed }, inForce: sameAsInForce && typed === inForce.apiKey };
  if (sameAsInForce) return { ok: true, config, inForce: true };
  if (config.provider === 'openai') return { ok: true, config: { ...config, apiKey: undefined }, inForce: false };
  return { ok: false, errors: [retypeKeyOnVerify()] };
};
