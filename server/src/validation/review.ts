import { z } from 'zod';
import { LOCALE_CODE } from '../../../shared/vocabulary';
import { pageQuery } from './params';

/** GET /review */
export const reviewListQuery = z.object({ ...pageQuery, locale: z.string().regex(LOCALE_CODE, 'must be a locale code').optional() }).strict();

/** POST /review/:id/approve — an edited text is a person's: the same bound as PUT /media/:id. */
export const approveBody = z.object({ text: z.string().max(2000).refine((text) => text.trim() !== '', 'must not be empty (reject the suggestion instead)').optional() }).strict();

/** POST /review/:id/reject */
export const rejectBody = z.object({ regenerate: z.boolean().optional() }).strict();

/** POST /review/approve */
export const approveManyBody = z.object({ ids: z.array(z.number().int().min(1).max(2_147_483_647)).min(1).max(100) }).strict();
