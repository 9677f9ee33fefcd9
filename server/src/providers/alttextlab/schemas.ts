import { z } from 'zod';

/** `POST /alt-text/generate` → `{ result, id }` (the seed reads `data.result`). */
export const generateResponse = z.object({ result: z.string(), id: z.union([z.number(), z.string()]).optional() });

/** `GET /subscriptions/info`: credits and plan; a 2xx also proves the key. */
export const subscriptionInfo = z.object({
  planName: z.string().nullish(),
  isActive: z.boolean().nullish(),
  credits: z.number(),
  nextReceiving: z.union([z.number(), z.string()]).nullish(),
  nextReceivingAt: z.string().nullish(),
});

/** Error bodies: `{ message, key }`, e.g. `{ key: 'NOT_ENOUGH_FUNDS' }`. */
export const errorBody = z.object({ key: z.string().optional(), message: z.string().optional() }).loose();
