import type { VerifyOutcome, VerifyView } from '../../../shared/contracts/settings';
import { isAltTextError } from '../errors';
import type { ProviderName } from '../config/schema';

/**
 * Verify's answer as one outcome an admin can act on: a refused key is not an address that does not
 * answer, nor an address that answers with something else than the provider's API. Messages are
 * this plugin's own words, naming at most the host asked and the HTTP status; never the key, a
 * URL's path or query, or the provider's text.
 */

export interface VerifyAddress {
  provider: ProviderName;
  /** The base URL asked, or undefined for the provider's public API. */
  baseUrl?: string;
}

const TITLES: Record<ProviderName, string> = { alttextlab: 'AltTextLab', alttextai: 'AltTextAI', openai: 'the OpenAI API' };

export const hostOf = ({ provider, baseUrl }: VerifyAddress): string => (baseUrl ? new URL(baseUrl).host : TITLES[provider]);

type Facts = { host: string; status?: number; setting?: string };

const MESSAGES: Record<VerifyOutcome, (facts: Facts) => string> = {
  valid: ({ host }) => `${host} accepted the key`,
  invalidKey: ({ host, status }) => `${host} refused the key${status ? ` (${status})` : ''}: check that it is complete and still active`,
  noKey: () => 'no API key is set: type one, or set ALT_TEXT_API_KEY',
  unreachable: ({ host }) => `nothing answered at ${host} (name not found, connection refused or no answer in time): check the base URL and the network`,
  wrongEndpoint: ({ host, status }) =>
    `${host} answered${status ? ` (${status})` : ''}, but not as this provider's API does: check the base URL (an OpenAI-compatible one usually ends in /v1)`,
  misconfigured: ({ setting }) => (setting === 'model' ? 'the key works, but no model is set: choose the vision model to ask (e.g. gpt-4o-mini)' : 'the provider cannot work with these settings'),
  outOfCredits: ({ host }) => `${host} accepted the key, but the account has no credits left`,
  providerError: ({ host, status }) => `${host} could not answer now${status ? ` (${status})` : ''}: try again in a moment`,
};

export const verifyView = (outcome: VerifyOutcome, address: VerifyAddress, facts: { status?: number; setting?: string } = {}): Pick<VerifyView, 'outcome' | 'message' | 'params'> => {
  const params = { host: hostOf(address), ...facts };
  return { outcome, message: MESSAGES[outcome](params), params };
};

/** Which outcome a failed check is, from the error's code and whether an HTTP answer came at all. */
export const outcomeOfError = (error: unknown): { outcome: VerifyOutcome; status?: number; code: string } => {
  if (!isAltTextError(error)) return { outcome: 'providerError', code: 'INTERNAL' };
  const { code, status } = error;
  const answered = status !== undefined;
  const of = (outcome: VerifyOutcome) => ({ outcome, code, ...(answered ? { status } : {}) });
  if (code === 'INVALID_KEY') return of('invalidKey');
  if (code === 'OUT_OF_CREDITS') return of('outOfCredits');
  // A network failure carries no status: nothing answered.
  if (code === 'TIMEOUT' || (code === 'TRANSIENT' && !answered)) return of('unreachable');
  // Verify asks paths that do not depend on the model or language: a 404 there is the address.
  if (code === 'BAD_RESPONSE' || status === 404) return of('wrongEndpoint');
  if (code === 'MISCONFIGURED') return of('misconfigured');
  return of('providerError');
};
