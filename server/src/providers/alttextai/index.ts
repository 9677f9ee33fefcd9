import { AltTextError, type AltTextErrorContext } from '../../errors';
import { isSuccess } from '../http/status';
import { parseResponse, toAltText } from '../http/parse';
import { createProviderTransport } from '../http/transport';
import type { AltTextProvider, ProviderSettings } from '../types';
import { toAltTextAiError, toImageResultError } from './errors';
import { ALTTEXTAI_LANGUAGES, toAltTextAiLanguage } from './language';
import { creditsResponse, generateResponse, verifyResponse } from './schemas';

/** AltTextAI at autoalt.app (seed 001): Bearer auth, `{ image: base64 }` or `{ urls: [url] }`, `language`. */
export const ALTTEXTAI_BASE_URL = 'https://autoalt.app/api/v1';

/** Echo a language code in an error only when it looks like one (it comes from config, but still). */
const shownLang = (lang: string) => (/^[a-z0-9_-]{1,20}$/i.test(lang) ? `"${lang}"` : 'the configured language');

export const createAltTextAiProvider = (settings: ProviderSettings): AltTextProvider => {
  const transport = createProviderTransport(settings, {
    baseUrl: settings.baseUrl ?? ALTTEXTAI_BASE_URL,
    headers: { Authorization: `Bearer ${settings.apiKey}` },
    secrets: [settings.apiKey],
  });

  return {
    name: 'alttextai',
    accepts: ['url', 'base64'],
    supportsLanguage: (lang) => toAltTextAiLanguage(lang) !== undefined,

    async generate({ image, lang, fileLabel, signal }) {
      const context: AltTextErrorContext = { provider: 'alttextai', file: fileLabel };
      const language = toAltTextAiLanguage(lang);
      if (!language) {
        throw new AltTextError(
          'MISCONFIGURED',
          `language ${shownLang(lang)} is not one AltTextAI supports (${ALTTEXTAI_LANGUAGES.join(', ')}): set \`lang\` to one of them or use another provider`,
          context
        );
      }
      const response = await transport.send({
        method: 'POST',
        path: '/generate',
        context,
        signal,
        body: { ...('url' in image ? { urls: [image.url] } : { image: image.base64 }), language },
      });
      if (!isSuccess(response)) throw toAltTextAiError(response, context);
      const [result] = parseResponse(generateResponse, response, context, 'the generation answer').results;
      if (!result.success) throw toImageResultError(result, { ...context, status: response.status });
      if (typeof result.alt_text !== 'string') {
        throw new AltTextError('BAD_RESPONSE', 'the image succeeded but came back without alt_text', context);
      }
      return toAltText(result.alt_text, settings.maxLength, context);
    },

    async verifyKey(options = {}) {
      const context: AltTextErrorContext = { provider: 'alttextai' };
      const response = await transport.send({ method: 'POST', path: '/verify-api-key', context, signal: options.signal });
      if (!isSuccess(response)) {
        // 401, or a 403 whose message blames the key or the account.
        const error = toAltTextAiError(response, context);
        if (error.code === 'INVALID_KEY') return { valid: false };
        throw error;
      }
      const answer = parseResponse(verifyResponse, response, context, 'the key check answer');
      if (!answer.valid) return { valid: false };
      return { valid: true, account: answer.user_id == null ? undefined : String(answer.user_id) };
    },

    async getCredits(options = {}) {
      const context: AltTextErrorContext = { provider: 'alttextai' };
      const response = await transport.send({ method: 'GET', path: '/credits', context, signal: options.signal });
      if (!isSuccess(response)) throw toAltTextAiError(response, context);
      const { credits } = parseResponse(creditsResponse, response, context, 'the credits answer');
      return { reported: true, remaining: credits };
    },
  };
};
