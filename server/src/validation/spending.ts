import { z } from 'zod';
import { wholeNumber } from './params';

/** GET /spending — the last `days` UTC days, 1–90 (default 30). */
export const spendingQuery = z.object({ days: wholeNumber(1, 90).optional() }).strict();
