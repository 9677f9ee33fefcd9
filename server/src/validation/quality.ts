import { z } from 'zod';

/** POST /quality/recheck: no options (an empty body, or none). */
export const recheckBody = z.object({}).strict();
