import { AltTextError, type AltTextErrorContext } from '../../errors';
import { isSuccess } from '../http/status';
import { parseResponse, toAltText } from '../http/parse';
import { createProviderTransport } from '../http/transport';
import type { AltTextProvider, GenerateRequest, ImageInput, ProviderSettings } from '../types';
import { refusesJsonMode, toOpenAiError } from './errors';
import { byRequestedCode, languagesToAsk, readLanguageAnswer } from './languages';
import { readJudgedAnswer } from './judged';
import { DEFAULT_LANGUAGES_TEMPLATE, DEFAULT_PROMPT_TEMPLATE, renderJudgedPrompt, renderLanguagesPrompt, renderPrompt, type PromptValues } from './prompt';
import { chatCompletion, modelList } from './schemas';

/**
 * Any OpenAI-compatible chat completions API with vision: OpenAI, Azure OpenAI, OpenRouter, and
 * self-hosted Ollama, vLLM or LM Studio (set `baseUrl`, e.g. http://localhost:11434/v1).
 */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Self-hosted servers need no key; `none` (or nothing) sends no Authorization header at all. */
export const hasApiKey = (apiKey: string): boolean => apiKey.trim() !== '' && apiKey.trim().toLowerCase() !== 'none';

/** Room for the longest allowed answer in any script (CJK runs about a token per character), plus slack. */
const maxTokensFor = (maxLength: number) => maxLength + 100;

const MODEL_MISSING = 'no vision model is configured: set `model` (or ALT_TEXT_MODEL), e.g. "gpt-4o-mini" or "llava"';

const imageUrlOf = (image: ImageInput, context: AltTextErrorContext): string => {
  if ('url' in image) return image.url;
  if (!/^image\/[\w.+-]+$/i.test(image.mime)) {
    throw new AltTextError('UNSUPPORTED_IMAGE', 'inline data is not an image type', context);
  }
  return `data:${image.mime.toLowerCase()};base64,${image.base64}`;
};

/** One chat completion: the prompt and the image in one user message. */
interface ChatCall {
  prompt: string;
  image: ImageInput;
  maxTokens: number;
  context: AltTextErrorContext;
  signal?: AbortSignal;
}

/** `content` as a string, or the text parts joined; undefined when there is no text at all. */
const textOf = (content: string | Array<{ type: string; text?: string | null }> | null | undefined): string | undefined => {
  if (typeof content === 'string') return content;
  if (!content) return undefined;
  return content
    .filter((part) => part.type === 'text' && typeof part.text === 'string')
    .map((part) => part.text)
    .join(' ');
};

export const createOpenAiProvider = (settings: ProviderSettings): AltTextProvider => {
  const keyed = hasApiKey(settings.apiKey);
  const model = settings.model?.trim() || undefined;
  const transport = createProviderTransport(settings, {
    baseUrl: settings.baseUrl ?? OPENAI_BASE_URL,
    headers: keyed ? { Authorization: `Bearer ${settings.apiKey.trim()}` } : {},
    secrets: keyed ? [settings.apiKey.trim()] : [],
  });
  const setup = { model, hasKey: keyed };
  /** Cleared once the server refuses `response_format: json_object` (LM Studio does), so it is asked once, not every call. */
  let jsonMode = true;

  const send = (call: ChatCall, json: boolean) =>
    transport.send({
      method: 'POST',
      path: '/chat/completions',
      context: call.context,
      signal: call.signal,
      body: {
        model,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: call.prompt },
              { type: 'image_url', image_url: { url: imageUrlOf(call.image, call.context) } },
            ],
          },
        ],
        max_tokens: call.maxTokens,
        ...(json ? { response_format: { type: 'json_object' } } : {}),
      },
    });

  /**
   * One chat completion's text. With `json`, JSON mode is asked for where the server takes it; a
   * server that refuses the parameter (a 400 before any work, so nothing spent) is asked once more
   * without it, and the prompt alone asks for JSON.
   */
  const complete = async (call: ChatCall, json = false): Promise<{ text: string; truncated: boolean }> => {
    let response = await send(call, json && jsonMode);
    if (json && jsonMode && refusesJsonMode(response)) {
      jsonMode = false;
      response = await send(call, false);
    }
    if (!isSuccess(response)) throw toOpenAiError(response, call.context, setup);

    const [choice] = parseResponse(chatCompletion, response, call.context, 'the chat completion').choices;
    const text = textOf(choice.message.content);
    if (!text?.trim()) {
      if (choice.message.refusal) throw new AltTextError('BAD_RESPONSE', 'the model refused to describe the image', call.context);
      if (choice.finish_reason === 'length') {
        throw new AltTextError('BAD_RESPONSE', 'the model used its whole token budget before writing any text (a reasoning model?)', call.context);
      }
      if (choice.finish_reason === 'content_filter') {
        throw new AltTextError('BAD_RESPONSE', 'the provider filtered the answer (content_filter)', call.context);
      }
    }
    // 'length': the model stopped at max_tokens, possibly mid-word.
    return { text: text ?? '', truncated: choice.finish_reason === 'length' };
  };

  const promptValues = ({ lang, style, keywords, context: about }: GenerateRequest): PromptValues => ({
    lang,
    style,
    keywords,
    context: about?.site,
    fileName: about?.fileName,
    maxLength: settings.maxLength,
    entries: about?.entries,
  });

  return {
    name: 'openai',
    // Data URLs are the one form every compatible server takes, and keep the image inside the plugin.
    accepts: ['base64', 'url'],
    // The model is asked in words; whether it writes a language well is the model's business.
    supportsLanguage: () => true,

    async generate(request) {
      const context: AltTextErrorContext = { provider: 'openai', file: request.fileLabel };
      if (!model) throw new AltTextError('MISCONFIGURED', MODEL_MISSING, context);
      const prompt = renderPrompt(settings.promptTemplate ?? DEFAULT_PROMPT_TEMPLATE, promptValues(request));
      const call = { prompt, image: request.image, maxTokens: maxTokensFor(settings.maxLength), context, signal: request.signal };
      const { text, truncated } = await complete(call);
      // After 'length' the cut word is dropped.
      return toAltText(text, settings.maxLength, context, { truncated });
    },

    // The same call in JSON mode (with its fallback), the prompt asking for the judgement too.
    async generateJudged(request) {
      const context: AltTextErrorContext = { provider: 'openai', file: request.fileLabel };
      if (!model) throw new AltTextError('MISCONFIGURED', MODEL_MISSING, context);
      const prompt = renderJudgedPrompt(settings.promptTemplate ?? DEFAULT_PROMPT_TEMPLATE, promptValues(request));
      const call = { prompt, image: request.image, maxTokens: maxTokensFor(settings.maxLength), context, signal: request.signal };
      const { text, truncated } = await complete(call, true);
      return readJudgedAnswer(text, { maxLength: settings.maxLength, context, truncated });
    },

    async generateLanguages(request) {
      const context: AltTextErrorContext = { provider: 'openai', file: request.fileLabel };
      const asked = languagesToAsk(request.langs, context);
      if (asked.length === 0) return {};
      if (!model) throw new AltTextError('MISCONFIGURED', MODEL_MISSING, context);
      const template = settings.promptTemplate ?? DEFAULT_LANGUAGES_TEMPLATE;
      const prompt = renderLanguagesPrompt(template, promptValues(request), asked);
      const maxTokens = asked.length * maxTokensFor(settings.maxLength);
      const { text, truncated } = await complete({ prompt, image: request.image, maxTokens, context, signal: request.signal }, true);
      const texts = readLanguageAnswer(text, asked, { maxLength: settings.maxLength, context, truncated });
      return byRequestedCode(request.langs, texts);
    },

    async verifyKey(options = {}) {
      const context: AltTextErrorContext = { provider: 'openai' };
      const response = await transport.send({ method: 'GET', path: '/models', context, signal: options.signal });
      if (response.status === 401 || response.status === 403) return { valid: false };
      if (!isSuccess(response)) throw toOpenAiError(response, context, setup);
      const ids = parseResponse(modelList, response, context, 'the model list').data.map((entry) => entry.id);
      if (!model) return { valid: true, warning: MODEL_MISSING, unusable: { setting: 'model', reason: MODEL_MISSING } };
      // Some servers list nothing, or list aliases only; an absent model is worth a warning, not a failure.
      if (ids.length > 0 && !ids.includes(model)) {
        return { valid: true, warning: `the model "${model}" is not in this server's model list` };
      }
      return { valid: true };
    },

    async getCredits() {
      return {
        reported: false,
        reason: 'OpenAI-compatible APIs have no credits endpoint; usage is billed by the provider',
      };
    },
  };
};
