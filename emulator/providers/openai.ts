// An OpenAI-compatible vision endpoint (OpenAI, Azure, OpenRouter, Ollama, vLLM…):
// `POST /chat/completions` with an `image_url` part (http(s) or `data:` URL), `GET /models`,
// errors as `{ error: { message, type, param, code } }`. Account credits act as the quota:
// when they run out the answer is OpenAI's 429 `insufficient_quota`.
// The language is read from the prompt ("Language: de" or "in German"), since OpenAI has no field,
// and so is the entry that uses the image, from the plugin's entry-context block (openai-prompt.ts).
// A prompt that asks for a JSON object of texts by language is answered with one (one credit), one
// that asks for a decorative judgement with `{ decorative, alt }` (`judgementFromPrompt`, one credit);
// `response_format` is checked as OpenAI checks it.

import { bearerToken, isRecord, json, type JsonBodyResult, type Mount, type Reply } from '../http';
import type { ImageInput } from '../image-input';
import { describeForCredit, type Dialect, type EmulatorCore, type GenerateTrace } from '../pipeline';
import type { BadLanguages, FaultStatus } from '../types';
import { providerMount, type Parsed } from './mount';
import { entryFromPrompt, judgementFromPrompt, languageFromPrompt, languagesFromPrompt } from './openai-prompt';

export const OPENAI_PREFIX = '/openai/v1';
export const EMULATOR_MODEL = 'emulator-vision';

/** Rough token count (OpenAI averages ~4 characters per token). */
const CHARS_PER_TOKEN = 4;
/** What OpenAI bills for a low-detail image. */
const IMAGE_PROMPT_TOKENS = 85;

function openaiError(
  status: number,
  message: string,
  type: string,
  code: string | null,
  headers?: Record<string, string>,
  param: string | null = null,
): Reply {
  return json(status, { error: { message, type, param, code } }, headers);
}

/** The first choice's content as a JSON object of texts, when that is what it holds. */
function languageTexts(body: unknown): Record<string, unknown> | undefined {
  if (!isRecord(body) || !Array.isArray(body.choices) || !isRecord(body.choices[0])) return undefined;
  const message = body.choices[0].message;
  if (!isRecord(message) || typeof message.content !== 'string') return undefined;
  try {
    const texts: unknown = JSON.parse(message.content);
    return isRecord(texts) ? texts : undefined;
  } catch {
    return undefined; // one language's text: nothing to botch
  }
}

/** The texts as a model that botched its JSON answer writes them. */
function botch(texts: Record<string, unknown>, fault: BadLanguages): string {
  const entries = Object.entries(texts);
  switch (fault) {
    case 'missing':
      return JSON.stringify(Object.fromEntries(entries.slice(0, -1)));
    case 'not-string':
      return JSON.stringify(Object.fromEntries(entries.map(([lang, text], index) => [lang, index === 0 ? { text } : text])));
    case 'not-json':
      return `Here are the alt texts. ${entries.map(([lang, text]) => `${lang}: ${String(text)}`).join('; ')}`;
  }
}

const dialect: Dialect = {
  provider: 'openai',
  unauthorized: () => openaiError(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'),
  faultStatus(status: FaultStatus, headers: Record<string, string>): Reply {
    switch (status) {
      case 429:
        return openaiError(429, 'Rate limit reached for requests.', 'requests', 'rate_limit_exceeded', headers);
      case 500:
        return openaiError(500, 'The server had an error while processing your request.', 'server_error', null, headers);
      case 502:
        return openaiError(502, 'Bad gateway.', 'server_error', null, headers);
      case 503:
        return openaiError(503, 'The engine is currently overloaded, please try again later.', 'server_error', null, headers);
    }
  },
  // The legacy completions shape: `choices[0].text` instead of `choices[0].message.content`.
  wrongShape(body) {
    if (!isRecord(body) || !Array.isArray(body.choices)) return { data: body };
    const choices = body.choices.map((choice: unknown) => {
      const message = isRecord(choice) && isRecord(choice.message) ? choice.message : {};
      return { index: 0, text: message.content, finish_reason: isRecord(choice) ? choice.finish_reason : null };
    });
    return { id: body.id, object: 'text_completion', choices };
  },
  badLanguages(body, fault) {
    const texts = languageTexts(body);
    if (!texts || !isRecord(body) || !Array.isArray(body.choices) || !isRecord(body.choices[0])) return undefined;
    const [first, ...rest] = body.choices;
    const content = botch(texts, fault);
    return { ...body, choices: [{ ...first, message: { ...(isRecord(first.message) ? first.message : {}), content } }, ...rest] };
  },
};

interface ChatRequest {
  model: string;
  image: ImageInput;
  prompt: string;
  maxTokens?: number;
}

/** The last `image_url` part of a user message and all text parts, however the client nests them. */
function extractParts(messages: unknown[]): { imageUrl?: string; prompt: string } {
  let imageUrl: string | undefined;
  const texts: string[] = [];
  for (const message of messages) {
    if (!isRecord(message)) continue;
    const { role, content } = message;
    if (typeof content === 'string') texts.push(content);
    if (!Array.isArray(content)) continue;
    for (const part of content) {
      if (!isRecord(part)) continue;
      if (part.type === 'text' && typeof part.text === 'string') texts.push(part.text);
      if (part.type === 'image_url' && role === 'user') {
        // OpenAI requires `{ url }`; some compatible servers also take a bare string.
        const value = isRecord(part.image_url) ? part.image_url.url : part.image_url;
        if (typeof value === 'string') imageUrl = value;
      }
    }
  }
  return { imageUrl, prompt: texts.join('\n') };
}

function invalidRequest(message: string, code: string | null = null, param: string | null = null): Parsed<ChatRequest> {
  return { ok: false, reply: openaiError(400, message, 'invalid_request_error', code, undefined, param) };
}

const RESPONSE_FORMATS = ['text', 'json_object', 'json_schema'];

/** OpenAI's own checks of `response_format`; undefined when it is absent or fine. */
function responseFormatProblem(value: unknown, prompt: string): Parsed<ChatRequest> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value) || typeof value.type !== 'string' || !RESPONSE_FORMATS.includes(value.type)) {
    return invalidRequest(`'response_format.type' must be one of ${RESPONSE_FORMATS.join(', ')}.`, 'invalid_value', 'response_format');
  }
  if (value.type === 'json_object' && !/json/i.test(prompt)) {
    return invalidRequest("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", null, 'messages');
  }
  return undefined;
}

function parseChatBody(value: unknown): Parsed<ChatRequest> {
  if (!isRecord(value)) return invalidRequest('The request body must be a JSON object.');
  const { model, messages, stream } = value;
  const maxTokens = value.max_completion_tokens ?? value.max_tokens;
  if (typeof model !== 'string' || model === '') return invalidRequest('You must provide a model parameter.');
  if (!Array.isArray(messages) || messages.length === 0) return invalidRequest("'messages' must be a non-empty array.");
  if (stream === true) return invalidRequest('The emulator does not support stream: true.');
  if (maxTokens !== undefined && maxTokens !== null && (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)) {
    return invalidRequest("'max_tokens' must be a positive integer.");
  }
  const { imageUrl, prompt } = extractParts(messages);
  const formatProblem = responseFormatProblem(value.response_format, prompt);
  if (formatProblem) return formatProblem;
  if (!imageUrl) return invalidRequest('The emulator needs a user message with an image_url part.');
  let image: ImageInput;
  if (imageUrl.startsWith('data:')) image = { kind: 'base64', data: imageUrl };
  else if (/^https?:\/\//i.test(imageUrl)) image = { kind: 'url', url: imageUrl };
  else return invalidRequest('image_url must be an http(s) URL or a data: URL.', 'invalid_image_url');
  return { ok: true, request: { model, image, prompt, maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined } };
}

function traceFromBody(body: JsonBodyResult): GenerateTrace {
  if (!body.ok || !isRecord(body.value) || !Array.isArray(body.value.messages)) return {};
  const { imageUrl, prompt } = extractParts(body.value.messages);
  const langs = languagesFromPrompt(prompt);
  const read: GenerateTrace = { ...(langs ? { langs } : { lang: languageFromPrompt(prompt) }), ...(prompt ? { prompt } : {}) };
  if (imageUrl === undefined) return read;
  return imageUrl.startsWith('data:') ? { imageSource: 'base64', ...read } : { imageSource: 'url', imageUrl, ...read };
}

const tokens = (text: string): number => Math.ceil(text.length / CHARS_PER_TOKEN);

async function complete(core: EmulatorCore, key: string, request: ChatRequest, [trace]: GenerateTrace[]): Promise<Reply> {
  const usedOn = entryFromPrompt(request.prompt);
  const languages = trace.langs ? { langs: trace.langs } : { lang: trace.lang };
  const outcome = await describeForCredit(core, key, request.image, { ...languages, usedOn }, trace);
  if (!outcome.ok) {
    switch (outcome.kind) {
      case 'no-credits':
        return openaiError(
          429,
          'You exceeded your current quota, please check your plan and billing details.',
          'insufficient_quota',
          'insufficient_quota',
        );
      case 'fetch':
        return openaiError(400, `Error while downloading the image: ${outcome.message}.`, 'invalid_request_error', 'invalid_image_url');
      case 'bad-base64':
      case 'invalid':
        return openaiError(400, 'You uploaded an unsupported image. Please make sure your image is valid.', 'invalid_request_error', 'invalid_image_format');
    }
  }

  // max_tokens cuts the text mid-word, as a real model does; finish_reason tells the client.
  const limit = request.maxTokens !== undefined ? request.maxTokens * CHARS_PER_TOKEN : Infinity;
  const judged = trace.langs ? undefined : judgementFromPrompt(request.prompt);
  const text = judged ? JSON.stringify({ decorative: judged.decorative, alt: judged.decorative ? '' : outcome.text }) : outcome.text;
  const content = text.length > limit ? text.slice(0, limit) : text;
  const promptTokens = IMAGE_PROMPT_TOKENS + tokens(request.prompt);
  const completionTokens = tokens(content);
  return json(200, {
    id: `chatcmpl-emulator-${core.nextId()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content },
        finish_reason: content.length < text.length ? 'length' : 'stop',
      },
    ],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  });
}

export function openaiMount(core: EmulatorCore): Mount {
  return providerMount(core, {
    prefix: OPENAI_PREFIX,
    dialect,
    keyOf: bearerToken,
    notFound: (status) =>
      status === 404
        ? openaiError(404, 'Unknown request URL.', 'invalid_request_error', 'unknown_url')
        : openaiError(405, 'Method not allowed.', 'invalid_request_error', null),
    generate: {
      path: '/chat/completions',
      traces: (body) => [traceFromBody(body)],
      tooLarge: () => openaiError(413, 'Request body too large.', 'invalid_request_error', null),
      unreadable: () => openaiError(400, 'We could not parse the JSON body of your request.', 'invalid_request_error', null),
      parse: parseChatBody,
      answer: (key, request, traces) => complete(core, key, request, traces),
    },
    account: [
      {
        method: 'GET',
        path: '/models',
        answer: (account) =>
          account
            ? json(200, {
                object: 'list',
                data: [{ id: EMULATOR_MODEL, object: 'model', created: 1_700_000_000, owned_by: 'emulator' }],
              })
            : dialect.unauthorized(),
      },
    ],
  });
}
