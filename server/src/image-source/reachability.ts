import { isIP } from 'node:net';

export const isAbsoluteHttpUrl = (url: string | undefined | null): url is string =>
  !!url && /^https?:\/\/[^\s/]/i.test(url) && URL.canParse(url);

const PRIVATE_IPV4 = [
  /^0\./,
  /^10\./,
  /^127\./,
  /^169\.254\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^192\.168\./,
  /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./,
];

/**
 * Whether a hosted provider could plausibly fetch this URL: absolute http(s) and not a loopback,
 * private, link-local or single-label host. A heuristic, used only by `imageDelivery: 'auto'` to
 * avoid handing out URLs nobody outside can open; an explicit mode skips it.
 */
export const isPubliclyReachableUrl = (url: string | undefined | null): url is string => {
  if (!isAbsoluteHttpUrl(url)) return false;
  const host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const family = isIP(host);
  if (family === 4) return !PRIVATE_IPV4.some((range) => range.test(host));
  if (family === 6) return !(host === '::1' || host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:'));
  if (!host.includes('.')) return false;
  return !/\.(localhost|local|internal|lan|home\.arpa)$/.test(host);
};
