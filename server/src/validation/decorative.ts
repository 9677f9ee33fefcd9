import { z } from 'zod';

/** POST /media/:id/decorative */
export const decorativeBody = z.object({ decorative: z.boolean({ error: 'must be true or false' }) }).strict();
