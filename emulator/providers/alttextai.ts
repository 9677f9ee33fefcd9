// AltTextAI at autoalt.app (https://autoalt.app/api/v1), as documented in PROVIDERS.md and
// seed 001: Bearer auth, `POST /generate` with `{ image }` (base64) or `{ urls }`, one credit per
// image, errors as `{ error }`. Its rate limit shares 403 with "No credits remaining": a client
// must tell them apart by the message, so the 429 fault is rendered as 403 here.
// Not emulated: multipart `images[]` uploads (answered 400).

import { userIdFor } from '../accounts';
import { bearerToken, isRecord, json, readJsonBody, type JsonBodyResult, type Mount, type Reply } from '../http';
import { describeInput, type ImageInput } from '../image-input';
import { runGeneration, withFaults, type Dialect, type EmulatorCore, type GenerateTrace } from '../pipeline';
import type { FaultStatus } from '../types';

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
  faultStatus(status: FaultStatus, retryAfterSeconds?: number): Reply {
    const headers = retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : undefined;
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

type Parsed = { ok: true; body: GenerateBody } | { ok: false; reply: Reply };

function badRequest(error: string): Parsed {
  return { ok: false, reply: json(400, { error }) };
}

function parseGenerateBody(value: unknown): Parsed {
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
  return { ok: true, body: { images, language: language as string | undefined } };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
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

export function alttextaiMount(core: EmulatorCore): Mount {
  /** Processes images one by one so credits run out at a predictable image. */
  async function generate(key: string, body: GenerateBody, traces: GenerateTrace[]): Promise<Reply> {
    if ((core.accounts.view(key)?.credits ?? 0) <= 0) return json(403, { error: NO_CREDITS });
    const results: ImageResult[] = [];
    const failures = new Set<string>();
    for (const [index, image] of body.images.entries()) {
      const name = image.kind === 'url' ? { url: image.url } : { filename: 'image' };
      if (!core.accounts.reserve(key)) {
        failures.add(NO_CREDITS);
        results.push({ ...name, success: false, error: NO_CREDITS });
        continue;
      }
      const outcome = await describeInput(image, { lang: body.language, fetchTimeoutMs: core.fetchTimeoutMs });
      const trace = traces[index] ?? {};
      trace.imageFetchStatus = outcome.fetchStatus;
      if (!outcome.ok) {
        core.accounts.refund(key); // a failed image costs no credit
        const error = outcome.kind === 'fetch' ? URL_NOT_ACCESSIBLE : INVALID_IMAGE;
        failures.add(error);
        results.push({ ...name, success: false, error });
        continue;
      }
      core.accounts.commit(key);
      trace.result = outcome.text;
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

  return {
    prefix: ALTTEXTAI_PREFIX,
    notFound: (status) => json(status, { error: status === 404 ? 'Not found' : 'Method not allowed' }),
    routes: [
      {
        method: 'POST',
        path: '/generate',
        async handle({ req }) {
          const at = Date.now();
          const key = bearerToken(req);
          const contentType = req.headers['content-type'] ?? '';
          const body = await readJsonBody(req);
          const traces = tracesFromBody(body);
          return runGeneration(core, dialect, key, at, traces, async () => {
            if (!core.accounts.has(key)) return dialect.unauthorized();
            if (contentType.startsWith('multipart/')) {
              return json(400, { error: 'The emulator accepts JSON bodies only ("image" or "urls")' });
            }
            if (!body.ok) {
              return body.reason === 'too-large'
                ? json(413, { error: 'Request body too large' })
                : json(400, { error: 'Invalid JSON body' });
            }
            const parsed = parseGenerateBody(body.value);
            if (!parsed.ok) return parsed.reply;
            return generate(key, parsed.body, traces);
          });
        },
      },
      {
        method: 'POST',
        path: '/verify-api-key',
        handle: ({ req }) => {
          const key = bearerToken(req);
          return withFaults(core, dialect, key, 'account', async () => {
            const account = key === undefined ? undefined : core.accounts.view(key);
            if (!account) return json(401, { valid: false, error: 'Invalid or inactive API key' });
            return json(200, { valid: true, user_id: userIdFor(account.key), credits_remaining: account.credits });
          });
        },
      },
      {
        method: 'GET',
        path: '/credits',
        handle: ({ req }) => {
          const key = bearerToken(req);
          return withFaults(core, dialect, key, 'account', async () => {
            const account = key === undefined ? undefined : core.accounts.view(key);
            if (!account) return dialect.unauthorized();
            return json(200, { credits: account.credits, user_id: userIdFor(account.key) });
          });
        },
      },
    ],
  };
}
