import { errors } from '@strapi/utils';

/** A value a service could not find, as Strapi's 404. */
export const found = <T>(value: T | null, what: string): T => {
  if (value === null) throw new errors.NotFoundError(`${what} not found`);
  return value;
};
