import { z } from 'zod';
import { pageQuery } from './params';

/** GET /runs: the run history's page (page 1 of 20 without a query). */
export const runsQuery = z.object(pageQuery).strict();
