import type { AxiosResponse } from 'axios';
import type { AltTextErrorContext } from '../../errors';
import { isSuccess } from '../http/status';
import { parseResponse, toAltText } from '../http/parse';
import { createProviderTransport } from '../http/transport';
import type { AltTextProvider, ProviderSettings } from '../types';
import { ecommerceFor, keywordsFor } from './context';
import { toAltTextLabError } from './errors';
import { generateResponse, subscriptionInfo } from './schemas';

/** AltTextLab (seed 000): `x-api-key`, `imageUrl` or `imageRaw`, `lang`, `style`, `keywords`, `ecommerce`. */
export const ALTTEXTLAB_BASE_URL = 'https://app.alttextlab.com/api/v1';
const SOURCE = 'strapi-plugin-auto-alt-text';
const ACCOUNT: AltTextErrorContext = { provider: 'alttextlab' };

export const createAltTextLabProvider = (settings: ProviderSettings): AltTextProvider => {
  const transport = createProviderTransport(settings, {
    baseUrl: settings.baseUrl ?? ALTTEXTLAB_BASE_URL,
    headers: { 'x-api-key': settings.apiKey },
    secrets: [settings.apiKey],
  });

  /** `GET /subscriptions/info` answers both the key check and the credits question. */
  const readInfo = (signal?: AbortSignal) =>
    transport.send({ method: 'GET', path: '/subscriptions/info', context: ACCOUNT, signal });
  const parseInfo = (response: AxiosResponse<string>) => {
    if (!isSuccess(response)) throw toAltTextLabError(response, ACCOUNT);
    return parseResponse(subscriptionInfo, response, ACCOUNT, 'the account answer');
  };

  return {
    name: 'alttextlab',
    accepts: ['url', 'base64'],
    // About 130 codes, listed nowhere machine-readable; `lang` is sent as it is and the API decides.
    supportsLanguage: () => true,

    async generate({ image, lang, style, keywords = [], context: about, fileLabel, signal }) {
      const context: AltTextErrorContext = { provider: 'alttextlab', file: fileLabel };
      const entries = about?.entries ?? [];
      const hints = keywordsFor(keywords, entries);
      const ecommerce = ecommerceFor(entries);
      const response = await transport.send({
        method: 'POST',
        path: '/alt-text/generate',
        context,
        signal,
        body: {
          // imageRaw is what AltTextLab's own CMS client sends for sites it cannot reach.
          ...('url' in image ? { imageUrl: image.url } : { imageRaw: image.base64 }),
          lang,
          style,
          // Only fields with values: an empty `keywords` or `ecommerce` would say "none" rather than "not known".
          ...(hints.length > 0 ? { keywords: hints } : {}),
          ...(ecommerce ? { ecommerce } : {}),
          source: SOURCE,
        },
      });
      if (!isSuccess(response)) throw toAltTextLabError(response, context);
      const { result } = parseResponse(generateResponse, response, context, 'the generation answer');
      return toAltText(result, settings.maxLength, context);
    },

    async verifyKey(options = {}) {
      const response = await readInfo(options.signal);
      const refused = !isSuccess(response) && toAltTextLabError(response, ACCOUNT).code === 'INVALID_KEY';
      if (refused) return { valid: false };
      return { valid: true, account: parseInfo(response).planName ?? undefined };
    },

    async getCredits(options = {}) {
      const info = parseInfo(await readInfo(options.signal));
      return {
        reported: true,
        remaining: info.credits,
        plan: info.planName ?? undefined,
        refillsAt: info.nextReceivingAt ?? undefined,
      };
    },
  };
};
