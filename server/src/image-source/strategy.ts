import type { ImageDeliveryMode } from '../config/schema';
import type { DeliveryStrategy, ImageTransport } from './types';

/** What is true of one file in this app, as far as delivery cares. */
export interface DeliveryFacts {
  /** Our S3 presigner covers it, or its private upload provider has `getSignedUrl`. */
  presignable: boolean;
  /** Its stored URL is absolute http(s). */
  fileUrlAbsolute: boolean;
  /** …and a hosted provider could plausibly fetch it (not loopback/private). */
  fileUrlReachable: boolean;
  /** The upload provider keeps files private (`isPrivate()`). */
  providerPrivate: boolean;
  /** `server.url`: absolute and public, absolute but loopback/private, or unusable. */
  serverUrl: 'public' | 'private' | 'none';
  /** A key to sign plugin URLs with exists (config secret or APP_KEYS). */
  signingKey: boolean;
  /** Its bytes can be read here (S3, local file, or a fetchable URL). */
  readable: boolean;
  /** Not a format every provider decodes (SVG, HEIC, TIFF…): better rasterised and sent inline. */
  needsRaster: boolean;
}

export type DeliveryPlan = { ok: true; strategies: DeliveryStrategy[] } | { ok: false; reason: string };

const TRANSPORT: Record<DeliveryStrategy, ImageTransport> = {
  presigned: 'url',
  signed: 'url',
  public: 'url',
  inline: 'base64',
};

/** Why an explicitly chosen strategy cannot serve this file; undefined when it can. */
const unavailable = (strategy: DeliveryStrategy, facts: DeliveryFacts): string | undefined => {
  switch (strategy) {
    case 'presigned':
      return facts.presignable ? undefined : 'the file is not in S3 and its upload provider cannot sign URLs';
    case 'public':
      return facts.fileUrlAbsolute || facts.serverUrl !== 'none'
        ? undefined
        : 'the file has a relative URL and server.url is not an absolute URL';
    case 'signed':
      if (!facts.signingKey) return 'no signing key (set signingSecret or APP_KEYS)';
      return facts.serverUrl === 'none' ? 'server.url is not an absolute URL' : undefined;
    case 'inline':
      return facts.readable ? undefined : 'its bytes cannot be read from this storage';
  }
};

/**
 * The strategies to try, in order (the next is tried only when one turns out unusable at run
 * time, e.g. an upload provider hands back an unsigned URL). An explicit mode is that one
 * strategy or a reason why not; `auto`:
 * 1. inline first for formats providers may not decode (SVG, HEIC, TIFF), when bytes are accepted;
 * 2. presigned, when the file is in S3 (or its private provider signs) and URLs are accepted;
 * 3. public, when the upload provider is public and the URL is absolute and publicly reachable;
 * 4. plugin-signed, when `server.url` is an absolute public URL;
 * 5. inline, when bytes are accepted and readable;
 * 6. for URL-only providers, a public or signed URL on a private network as a last resort
 *    (a self-hosted model on the same network can still fetch it).
 */
export const planDelivery = (
  mode: ImageDeliveryMode,
  accepts: readonly ImageTransport[],
  facts: DeliveryFacts
): DeliveryPlan => {
  const takes = (strategy: DeliveryStrategy) => accepts.includes(TRANSPORT[strategy]);

  if (mode !== 'auto') {
    if (!takes(mode)) {
      return { ok: false, reason: `imageDelivery is "${mode}" but the provider does not accept ${TRANSPORT[mode] === 'url' ? 'image URLs' : 'inline images'}` };
    }
    const why = unavailable(mode, facts);
    return why ? { ok: false, reason: `imageDelivery is "${mode}" but ${why}` } : { ok: true, strategies: [mode] };
  }

  const candidates: Array<[DeliveryStrategy, boolean]> = [
    ['inline', facts.needsRaster && facts.readable],
    ['presigned', facts.presignable],
    ['public', facts.fileUrlAbsolute && facts.fileUrlReachable && !facts.providerPrivate],
    ['signed', facts.signingKey && facts.serverUrl === 'public'],
    ['inline', facts.readable],
    ['public', facts.fileUrlAbsolute && !facts.providerPrivate],
    ['signed', facts.signingKey && facts.serverUrl === 'private'],
  ];
  const strategies: DeliveryStrategy[] = [];
  for (const [strategy, possible] of candidates) {
    if (possible && takes(strategy) && !strategies.includes(strategy)) strategies.push(strategy);
  }
  if (strategies.length > 0) return { ok: true, strategies };
  return {
    ok: false,
    reason: accepts.includes('base64')
      ? 'no URL the provider could fetch and the bytes cannot be read here'
      : 'no URL the provider could fetch (not in S3, not public, server.url not set) and the provider does not accept inline images',
  };
};
