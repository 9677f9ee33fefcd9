import type { Check } from './types';

const URL = /\b(?:https?:\/\/|www\.)[^\s]+/iu;
const TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/iu;
const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,7});/iu;

/** URL_OR_HTML: a screen reader spells a URL out and reads markup aloud; neither belongs in alt text. */
export const urlOrHtml: Check = ({ text }) => {
  const url = URL.exec(text);
  if (url) return { code: 'URL_OR_HTML', reason: `contains the URL "${url[0]}"` };
  const tag = TAG.exec(text);
  if (tag) return { code: 'URL_OR_HTML', reason: `contains the HTML tag "${tag[0]}"` };
  const entity = ENTITY.exec(text);
  if (entity) return { code: 'URL_OR_HTML', reason: `contains the HTML entity "${entity[0]}"` };
  return null;
};
