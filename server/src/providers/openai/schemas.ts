import { z } from 'zod';

/** Some compatible servers answer `content` as parts instead of a string. */
const contentPart = z.object({ type: z.string(), text: z.string().nullish() }).loose();

/** `POST /chat/completions`: only what alt text needs is required. */
export const chatCompletion = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.union([z.string(), z.array(contentPart)]).nullish(),
          refusal: z.string().nullish(),
        }),
        finish_reason: z.string().nullish(),
      })
    )
    .min(1),
});

/** `GET /models` → `{ data: [{ id }] }`. */
export const modelList = z.object({ data: z.array(z.object({ id: z.string() }).loose()) });

/** `{ error: { message, type, param, code } }`; a few servers send `{ error: "text" }`. */
export const errorBody = z.object({
  error: z.union([
    z
      .object({
        message: z.string().nullish(),
        type: z.string().nullish(),
        param: z.string().nullish(),
        code: z.union([z.string(), z.number()]).nullish(),
      })
      .loose(),
    z.string(),
  ]),
});
