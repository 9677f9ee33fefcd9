import type { AxiosResponse } from 'axios';
import type { AltTextErrorContext } from '../../errors';
import { mapHttpFailure } from './status';
import type { ProviderSettings } from '../types';
import { createHttpClient } from './client';

export interface ProviderCall {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** Who is calling about what: every failure is reported with it. */
  context: AltTextErrorContext;
  signal?: AbortSignal;
}

export interface ProviderTransport {
  /** Any HTTP status resolves; only network failures reject, already as `AltTextError`s. */
  send(call: ProviderCall): Promise<AxiosResponse<string>>;
}

/** The shared HTTP client, configured from an adapter's settings, with its secrets registered for redaction. */
export const createProviderTransport = (
  settings: ProviderSettings,
  options: { baseUrl: string; headers: Record<string, string>; secrets: readonly string[] }
): ProviderTransport => {
  const http = createHttpClient({
    baseURL: options.baseUrl,
    headers: options.headers,
    timeoutMs: settings.timeoutMs,
    connectTimeoutMs: settings.connectTimeoutMs,
    secrets: options.secrets,
    log: settings.log,
  });
  return {
    send: ({ context, ...request }) => http.request(request).catch((error: unknown) => mapHttpFailure(error, context)),
  };
};
