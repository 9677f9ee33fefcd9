import { z } from 'zod';
import { CSV_EXPORT_SCOPES } from '../../../shared/contracts/csv';
import { LOCALE_CODE } from '../../../shared/vocabulary';
import { wholeNumber } from './params';

/** GET /csv/export */
export const csvExportQuery = z
  .object({
    scope: z.enum(CSV_EXPORT_SCOPES).optional(),
    folder: wholeNumber(1, 2_147_483_647).optional(),
    locale: z.string().regex(LOCALE_CODE, 'must be a locale code').optional(),
  })
  .strict();
