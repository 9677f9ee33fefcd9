// AltTextLab (https://app.alttextlab.com/api/v1), as documented in PROVIDERS.md and seed 000:
// `x-api-key` auth, `POST /alt-text/generate` → `{ result, id }`, `GET /subscriptions/info`.
// The status for an image it cannot fetch is only documented as "a server error": 500 here.

import type { DescribeOptions } from '../describe';
import { headerValue, isHttpUrl, isRecord, json, type JsonBodyResult, type Mount, type Reply } from '../http';
import type { ImageInput } from '../image-input';
import { describeForCredit, type Dialect, type EmulatorCore, type GenerateTrace } from '../pipeline';
import { ECOMMERCE_FIELDS, type EcommerceHints, type FaultStatus } from '../types';
import { providerMount, type Parsed } from './mount';

export const ALTTEXTLAB_PREFIX = '/alttextlab/api/v1';

const STYLES = ['descriptive', 'neutral', 'matter-of-fact', 'minimal'] as const;
const LANG = /^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i;

interface GenerateBody extends DescribeOptions {
  image: ImageInput;
}

function validationError(message: string): Reply {
  return json(400, { message, key: 'VALIDATION_ERROR' });
}

const dialect: Dialect = {
  provider: 'alttextlab',
  unauthorized: () => json(401, { message: 'Invalid API key' }),
  faultStatus(status: FaultStatus, headers: Record<string, string>): Reply {
    const bodies: Record<FaultStatus, { message: string; key?: string }> = {
      429: { message: 'Too many requests', key: 'TOO_MANY_REQUESTS' },
      500: { message: 'Internal server error' },
      502: { message: 'Bad gateway' },
      503: { message: 'Service unavailable' },
    };
    return json(status, bodies[status], headers);
  },
  // An envelope around the real answer: `data.result` (what the seed reads) is then undefined.
  wrongShape: (body) => ({ ok: true, data: body }),
};

/** Validates the generate body; returns the parsed body or a 400 reply. */
function parseGenerateBody(value: unknown): Parsed<GenerateBody> {
  const invalid = (message: string): Parsed<GenerateBody> => ({ ok: false, reply: validationError(message) });
  if (!isRecord(value)) return invalid('Body must be a JSON object');
  const { imageUrl, imageRaw, lang, style, keywords, ecommerce, source } = value;
  if (imageUrl !== undefined && (typeof imageUrl !== 'string' || imageUrl === '')) {
    return invalid('imageUrl must be a non-empty string');
  }
  if (imageRaw !== undefined && (typeof imageRaw !== 'string' || imageRaw === '')) {
    return invalid('imageRaw must be a non-empty base64 string');
  }
  if (imageUrl === undefined && imageRaw === undefined) return invalid('imageUrl or imageRaw is required');
  if (typeof imageUrl === 'string' && !isHttpUrl(imageUrl)) return invalid('imageUrl must be an http(s) URL');
  if (lang !== undefined && (typeof lang !== 'string' || !LANG.test(lang))) {
    return invalid('lang must be a language code such as en, de or zh-hans');
  }
  if (style !== undefined && !STYLES.includes(style as (typeof STYLES)[number])) {
    return invalid(`style must be one of ${STYLES.join(', ')}`);
  }
  if (keywords !== undefined && (!Array.isArray(keywords) || !keywords.every((k) => typeof k === 'string'))) {
    return invalid('keywords must be an array of strings');
  }
  const isFact = (fact: unknown) => fact === undefined || typeof fact === 'string';
  if (ecommerce !== undefined && (!isRecord(ecommerce) || !ECOMMERCE_FIELDS.every((field) => isFact(ecommerce[field])))) {
    return invalid(`ecommerce must be an object whose ${ECOMMERCE_FIELDS.join(', ')} are strings`);
  }
  if (source !== undefined && typeof source !== 'string') return invalid('source must be a string');

  // Both sent: the documented imageUrl wins; the recorded imageSource shows which was used.
  const image: ImageInput =
    typeof imageUrl === 'string' ? { kind: 'url', url: imageUrl } : { kind: 'base64', data: imageRaw as string };
  const request: GenerateBody = {
    image,
    lang: lang as string | undefined,
    style: style as string | undefined,
    keywords: keywords as string[] | undefined,
    ecommerce: ecommerce === undefined ? undefined : ecommerceOf(ecommerce),
  };
  return { ok: true, request };
}

/** The documented fields that hold a string; anything else in the object is ignored, as unknown fields are. */
function ecommerceOf(value: Record<string, unknown>): EcommerceHints {
  const hints: EcommerceHints = {};
  for (const field of ECOMMERCE_FIELDS) {
    const fact = value[field];
    if (typeof fact === 'string') hints[field] = fact;
  }
  return hints;
}

/** What the recorder learns from the body before any validation, so faulted calls show it too. */
function traceFromBody(body: JsonBodyResult): GenerateTrace {
  if (!body.ok || !isRecord(body.value)) return {};
  const { imageUrl, imageRaw, lang, style, keywords, ecommerce } = body.value;
  const trace: GenerateTrace = {};
  if (typeof imageUrl === 'string') {
    trace.imageSource = 'url';
    trace.imageUrl = imageUrl;
  } else if (typeof imageRaw === 'string') {
    trace.imageSource = 'base64';
  }
  if (typeof lang === 'string') trace.lang = lang;
  if (typeof style === 'string') trace.style = style;
  if (Array.isArray(keywords) && keywords.every((k) => typeof k === 'string')) trace.keywords = keywords;
  if (isRecord(ecommerce)) trace.ecommerce = ecommerceOf(ecommerce);
  return trace;
}

/** One image, one credit; its failures in AltTextLab's own shapes. */
async function generate(core: EmulatorCore, key: string, request: GenerateBody, [trace]: GenerateTrace[]): Promise<Reply> {
  const { image, ...options } = request;
  const outcome = await describeForCredit(core, key, image, options, trace);
  if (!outcome.ok) {
    switch (outcome.kind) {
      case 'no-credits':
        return json(403, { message: 'Not enough credits', key: 'NOT_ENOUGH_FUNDS' });
      case 'bad-base64':
        return validationError('imageRaw must be plain base64');
      case 'fetch':
        return json(500, { message: `Could not fetch the image: ${outcome.message}`, key: 'IMAGE_FETCH_FAILED' });
      case 'invalid':
        return json(500, { message: `Could not process the image: ${outcome.message}`, key: 'IMAGE_INVALID' });
    }
  }
  return json(200, { result: outcome.text, id: core.nextId() });
}

export function alttextlabMount(core: EmulatorCore): Mount {
  return providerMount(core, {
    prefix: ALTTEXTLAB_PREFIX,
    dialect,
    keyOf: (req) => headerValue(req, 'x-api-key'),
    notFound: (status) => json(status, { message: status === 404 ? 'Not found' : 'Method not allowed' }),
    generate: {
      path: '/alt-text/generate',
      traces: (body) => [traceFromBody(body)],
      tooLarge: () => json(413, { message: 'Request body too large', key: 'PAYLOAD_TOO_LARGE' }),
      unreadable: () => validationError('Body must be valid JSON'),
      parse: parseGenerateBody,
      answer: (key, request, traces) => generate(core, key, request, traces),
    },
    account: [
      {
        method: 'GET',
        path: '/subscriptions/info',
        answer(account) {
          const renewal = account && core.accounts.renewal(account.key);
          if (!account || !renewal) return dialect.unauthorized();
          return json(200, {
            planName: account.plan,
            isActive: true,
            credits: account.credits,
            nextReceiving: renewal.credits,
            nextReceivingAt: renewal.at.toISOString(),
          });
        },
      },
    ],
  });
}
