import { z } from 'zod';

/** Query strings arrive as text: a whole number in a range, or a 400 (never NaN, never "all rows"). */
export const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** Route params: Strapi's router may add its own keys beside ours, so they are not refused. */
export const idParams = z.object({ id: wholeNumber(1, 2_147_483_647) });

export const pageQuery = {
  page: wholeNumber(1, 1_000_000).optional(),
  pageSize: wholeNumber(1, 100).optional(),
};

