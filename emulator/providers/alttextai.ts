// AltTextAI at autoalt.app (https://autoalt.app/api/v1), as documented in PROVIDERS.md and
// seed 001: Bearer auth, `POST /generate` with `{ image }` (base64) or `{ urls }`, one credit per
// image, errors as `{ error }`. Its rate limit shares 403 with "No credits remaining": a client
// must tell them apart by the message, so the 429 fault is rendered as 403 here.
// Not emulated: multipart `images[]` uploads (answered 400).

import { userIdFor } from '../accounts';
import { bearerToken, isHttpUrl, isRecord, json, type JsonBodyResult, type Mount, type Reply } from '../http';
import type { ImageInput } from '../image-input';
import { describeForCredit, type Dialect, type EmulatorCore, type GenerateTrace } from '../pipeline';
import type { FaultStatus } from '../types';
import { providerMount, type Parsed } from './mount';

export const ALTTEXTAI_PREFIX = '/autoalt/api/v1';

const LANGUAGES = ['en', 'es', 'fr', 'de', 'it', 'pt', 'nl', 'pl', 'ru', 'ja', 'ko', 'zh'];
/** Not documented; a cap so a runaway client cannot make the emulator fetch without end. */
const MAX_URLS = 50;

const NO_CREDITS = 'No credits remaining';
const URL_NOT_ACCESSIBLE = 'Image URL not accessible';
const INVALID_IMAGE = 'Invalid image format';

const dialect: Dialect = {
  provider: 'alttextai',
  unauthorized: () => json(401, { error: 'Invalid or inactive API key' }),
  faultStatus(status: FaultStatus, headers: Record<string, string>): Reply {
    if (status === 429) return json(403, { error: 'Rate limit exceeded' }, headers);
    const messages: Record<Exclude<FaultStatus, 429>, string> = {
      500: 'Internal server error',
      502: 'Bad gateway',
      503: 'Service unavailable',
    };
    return json(status, { error: messages[status] }, headers);
  },
  // `results` renamed: a client reading results[0].alt_text finds nothing.
  wrongShape: (body) => (isRecord(body) ? { success: body.success, data: body.results } : { data: body }),
};

interface GenerateBody {
  images: ImageInput[];
  language?: string;
}

function badRequest(error: string): Parsed<GenerateBody> {
  return { ok: false, reply: json(400, { error }) };
}

function parseGenerateBody(value: unknown): Parsed<GenerateBody> {
  if (!isRecord(value)) return badRequest('Request body must be a JSON object with "image" or "urls"');
  const { image, urls, language } = value;
  if (image !== undefined && urls !== undefined) return badRequest('Send either "image" or "urls", not both');
  if (language !== undefined && (typeof language !== 'string' || !LANGUAGES.includes(language))) {
    return badRequest(`Unsupported language. Supported: ${LANGUAGES.join(', ')}`);
  }
  let images: ImageInput[];
  if (typeof image === 'string' && image !== '') {
    images = [{ kind: 'base64', data: image }];
  } else if (Array.isArray(urls) && urls.length > 0) {
    if (urls.length > MAX_URLS) return badRequest(`At most ${MAX_URLS} urls per request`);
    if (!urls.every((u): u is string => typeof u === 'string' && isHttpUrl(u))) {
      return badRequest('"urls" must be an array of http(s) URLs');
    }
    images = urls.map((url) => ({ kind: 'url', url }));
  } else {
    return badRequest('No image provided: send "image" (base64) or "urls"');
  }
  return { ok: true, request: { images, language: language as string | undefined } };
}

/** One trace per image named in the body, so each image (each credit) is recorded. */
function tracesFromBody(body: JsonBodyResult): GenerateTrace[] {
  if (!body.ok || !isRecord(body.value)) return [{}];
  const { image, urls, language } = body.value;
  const lang = typeof language === 'string' ? language : undefined;
  if (Array.isArray(urls) && urls.length > 0) {
    return urls.map((url) => (typeof url === 'string' ? { imageSource: 'url', imageUrl: url, lang } : { lang }));
  }
  return [typeof image === 'string' ? { imageSource: 'base64', lang } : { lang }];
}

interface ImageResult {
  url?: string;
  filename?: string;
  alt_text?: string;
  success: boolean;
  error?: string;
}

/** Processes images one by one so credits run out at a predictable image. */
async function generate(core: EmulatorCore, key: string, body: GenerateBody, traces: GenerateTrace[]): Promise<Reply> {
  if ((core.accounts.view(key)?.credits ?? 0) <= 0) return json(403, { error: NO_CREDITS });
  const results: ImageResult[] = [];
  const failures = new Set<string>();
  for (const [index, image] of body.images.entries()) {
    const name = image.kind === 'url' ? { url: image.url } : { filename: 'image' };
    const outcome = await describeForCredit(core, key, image, { lang: body.language }, traces[index] ?? {});
    if (!outcome.ok) {
      const error = outcome.kind === 'no-credits' ? NO_CREDITS : outcome.kind === 'fetch' ? URL_NOT_ACCESSIBLE : INVALID_IMAGE;
      failures.add(error);
      results.push({ ...name, success: false, error });
      continue;
    }
    results.push({ ...name, alt_text: outcome.text, success: true });
  }

  const processed = results.filter((r) => r.success).length;
  if (processed === 0) {
    // Nothing succeeded: answer with the documented status for the (first) kind of failure.
    const [error] = failures;
    const status = error === URL_NOT_ACCESSIBLE ? 404 : error === NO_CREDITS ? 403 : 400;
    return json(status, { error, results });
  }
  return json(200, {
    success: true,
    results,
    credits_remaining: core.accounts.view(key)?.credits ?? 0,
    processed_count: processed,
  });
}

export function alttextaiMount(core: EmulatorCore): Mount {
  return providerMount(core, {
    prefix: ALTTEXTAI_PREFIX,
    dialect,
    keyOf: bearerToken,
    notFound: (status) => json(status, { error: status === 404 ? 'Not found' : 'Method not allowed' }),
    generate: {
      path: '/generate',
      traces: tracesFromBody,
      refuse: (req) =>
        (req.headers['content-type'] ?? '').startsWith('multipart/')
          ? json(400, { error: 'The emulator accepts JSON bodies only ("image" or "urls")' })
          : undefined,
      tooLarge: () => json(413, { error: 'Request body too large' }),
      unreadable: () => json(400, { error: 'Invalid JSON body' }),
      parse: parseGenerateBody,
      answer: (key, request, traces) => generate(core, key, request, traces),
    },
    account: [
      {
        method: 'POST',
        path: '/verify-api-key',
        answer: (account) =>
          account
            ? json(200, { valid: true, user_id: userIdFor(account.key), credits_remaining: account.credits })
            : json(401, { valid: false, error: 'Invalid or inactive API key' }),
      },
      {
        method: 'GET',
        path: '/credits',
        answer: (account) =>
          account ? json(200, { credits: account.credits, user_id: userIdFor(account.key) }) : dialect.unauthorized(),
      },
    ],
  });
}
