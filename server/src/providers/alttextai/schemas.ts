import { z } from 'zod';

/** One image's outcome; `url` for `urls`, `filename` for an inline image. */
const imageResult = z
  .object({
    url: z.string().nullish(),
    filename: z.string().nullish(),
    alt_text: z.string().nullish(),
    success: z.boolean(),
    error: z.string().nullish(),
  })
  .loose();
export type ImageResult = z.infer<typeof imageResult>;

/** `POST /generate` → `{ success, results: [...], credits_remaining, processed_count }`. */
export const generateResponse = z.object({
  success: z.boolean().nullish(),
  results: z.array(imageResult).min(1),
  credits_remaining: z.number().nullish(),
  processed_count: z.number().nullish(),
});

/** `POST /verify-api-key` → `{ valid, user_id, credits_remaining }`. */
export const verifyResponse = z.object({
  valid: z.boolean(),
  user_id: z.union([z.string(), z.number()]).nullish(),
  credits_remaining: z.number().nullish(),
});

/** `GET /credits` → `{ credits, user_id }`. */
export const creditsResponse = z.object({
  credits: z.number(),
  user_id: z.union([z.string(), z.number()]).nullish(),
});

/** Error bodies: `{ error, results? }`. */
export const errorBody = z.object({ error: z.string().nullish(), results: z.array(imageResult).nullish() }).loose();
