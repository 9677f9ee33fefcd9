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

/** The longest alt text a person may save (the longest `maxLength` a generated one may have). */
export const HARD_MAX_ALT_TEXT_LENGTH = 2000;

/** PUT /media/:id */
export const altTextBody = z
  .object({
    alternativeText: z.string().max(HARD_MAX_ALT_TEXT_LENGTH, `must be at most ${HARD_MAX_ALT_TEXT_LENGTH} characters: screen readers read alt text in one go, without a way to skip ahead`),
    locale: z.string().regex(LOCALE_CODE, 'must be a locale code').optional(),
  })
  .strict();
