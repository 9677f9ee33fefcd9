import type { AxiosResponse } from 'axios';
import type { z } from 'zod';
import { AltTextError, type AltTextErrorContext } from '../../errors';
import { describeBody, parseJsonBody } from './status';
import { cleanAltText, type CleanOptions } from '../../alt-text/clean';

/**
 * The boundary: a body becomes typed data only through a schema. Failures name the field that
 * did not match (a path in our own schema), never a value from the body.
 */
export const parseResponse = <Schema extends z.ZodType>(
  schema: Schema,
  response: AxiosResponse<string>,
  context: AltTextErrorContext,
  what: string
): z.output<Schema> => {
  const status = response.status;
  const json = parseJsonBody(response);
  if (json === undefined) {
    throw new AltTextError('BAD_RESPONSE', `${what} was ${describeBody(response)} (${status}), not JSON`, { ...context, status });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') || 'the body';
    throw new AltTextError('BAD_RESPONSE', `${what} does not have the documented shape (at ${path})`, { ...context, status });
  }
  return parsed.data;
};

/** Output hygiene for every adapter: cleaned text, or BAD_RESPONSE when nothing is left. */
export const toAltText = (
  raw: string,
  maxLength: number,
  context: AltTextErrorContext,
  options: CleanOptions = {}
): string => {
  const text = cleanAltText(raw, maxLength, options);
  if (!text) throw new AltTextError('BAD_RESPONSE', 'the provider returned empty alt text', context);
  return text;
};
