import type { Core } from '@strapi/strapi';
import type { PluginConfig, UploadSource } from '../config/schema';

interface RequestState {
  state?: { auth?: { strategy?: { name?: unknown } } };
}

/**
 * Who is uploading, read from the request Strapi is serving (its request context follows the
 * upload down to the database lifecycle). No request: code running in the server (a seed, a script).
 */
export const currentUploadSource = (strapi: Core.Strapi): UploadSource => {
  const context = strapi.requestContext.get() as RequestState | undefined;
  if (!context) return 'server';
  const strategy = context.state?.auth?.strategy?.name;
  if (strategy === 'admin' || strategy === 'api-token' || strategy === 'users-permissions') return strategy;
  return 'other';
};

export const describesUploadsFrom = (config: Pick<PluginConfig, 'uploadSources'>, source: UploadSource): boolean =>
  config.uploadSources === 'all' || config.uploadSources.includes(source);

/** Without a response to wait for (an upload made by server code): long enough for its caller to go on first. */
export const WAKE_WITHOUT_RESPONSE_MS = 50;

interface ResponseLike {
  writableFinished?: boolean;
  once(event: 'finish' | 'close', listener: () => void): unknown;
}

const waiting = new WeakSet<object>();

/**
 * Runs `wake` once the response of the request being served has been sent (or its connection
 * closed), so the job an upload created does not compete with the upload's own 201 for the event
 * loop. One wake per response: the files of a multi-file upload are all claimed by it.
 */
export const afterResponse = (strapi: Core.Strapi, wake: () => void): void => {
  const res = (strapi.requestContext.get() as { res?: ResponseLike } | undefined)?.res;
  if (!res || typeof res.once !== 'function' || res.writableFinished) {
    setTimeout(wake, WAKE_WITHOUT_RESPONSE_MS).unref();
    return;
  }
  if (waiting.has(res)) return;
  waiting.add(res);
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    waiting.delete(res);
    wake();
  };
  res.once('finish', once);
  res.once('close', once);
};
