import { z } from 'zod';
import { LOCALE_CODE } from '../../../shared/vocabulary';
import { pageQuery } from './params';

/** GET /media/:id/history */
export const historyQuery = z.object({ ...pageQuery, locale: z.string().regex(LOCALE_CODE, 'must be a locale code').optional() }).strict();

/** POST /media/:id/revert */
export const revertBody = z.object({ versionId: z.number().int().min(1).max(2_147_483_647) }).strict();
