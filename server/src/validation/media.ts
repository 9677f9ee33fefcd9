import { z } from 'zod';
import { LANGUAGE_CODE, LANGUAGE_CODE_RULE, LOCALE_CODE, MEDIA_FILTERS } from '../../../shared/vocabulary';
import { pageQuery } from './params';


/** GET /media */
export const mediaListQuery = z
  .object({ ...pageQuery, filter: z.enum(MEDIA_FILTERS).optional(), search: z.string().max(200).optional(), locale: z.string().regex(LOCALE_CODE, 'must be a locale code').optional() })
  .strict();

/** POST /media/:id/regenerate */
export const regenerateBody = z
  .object({ lang: z.string().regex(LANGUAGE_CODE, LANGUAGE_CODE_RULE).nullable().optional(), locale: z.string().regex(LOCALE_CODE, 'must be a locale code').nullable().optional() })
  .strict();

/** PUT /media/:id */
export const altTextBody = z.object({ alternativeText: z.string().max(2000), locale: z.string().regex(LOCALE_CODE, 'must be a locale code').optional() }).strict();
