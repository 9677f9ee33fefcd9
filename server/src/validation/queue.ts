import { z } from 'zod';
import { LANGUAGE_CODE, LANGUAGE_CODE_RULE, LOCALE_CODE, WRITE_MODES } from '../../../shared/vocabulary';
import { entriesScope } from './entries';
import { pageQuery, wholeNumber } from './params';

const scope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('missing') }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('folder'), folderId: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('ids'), ids: z.array(z.number().int().positive()).min(1).max(10000) }).strict(),
  entriesScope,
  z.object({ kind: z.literal('flagged') }).strict(),
]);

/** POST /runs */
export const runBody = z
  .object({
    scope,
    mode: z.enum(WRITE_MODES).optional(),
    lang: z.string().regex(LANGUAGE_CODE, LANGUAGE_CODE_RULE).nullable().optional(),
    /** The one locale to write; absent or null = every locale the plugin writes. */
    locale: z.string().regex(LOCALE_CODE, 'must be a locale code such as "en" or "fr"').nullable().optional(),
    /** Ask the provider for every image, even those whose bytes were described the same way before (the cache is not used). */
    force: z.boolean().optional(),
  })
  .strict();

/** POST /runs/estimate */
export const estimateBody = runBody.pick({ scope: true, mode: true, locale: true, force: true });

/** POST /failures/retry */
export const retryBody = z
  .object({ jobIds: z.array(z.number().int().positive()).max(1000).optional(), runId: z.number().int().positive().optional() })
  .strict();

/** GET /failures */
export const failuresQuery = z.object({ ...pageQuery, runId: wholeNumber(1, 2_147_483_647).optional() }).strict();
