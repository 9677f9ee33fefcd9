import type { Core } from '@strapi/strapi';
import type { RunStarter } from '../../../../shared/contracts/runs';

const ADMIN_USER_UID = 'admin::user';

interface AdminUser {
  email: string;
  firstname: string | null;
  lastname: string | null;
  username: string | null;
}

/** An admin's name as Strapi's admin shows it (its `getDisplayName`): username, else first and last name, else email. */
export const displayNameOf = (user: Partial<AdminUser>): string => {
  if (user.username) return user.username;
  if (user.firstname) return `${user.firstname} ${user.lastname ?? ''}`.trim();
  return user.email ?? '';
};

/**
 * Who started each run of a page. The admin API stores the admin's email in `createdBy`; code may
 * store any label (the service API's `createdBy`) or none. One statement for the page; an email no
 * admin has any more (a removed admin) is still shown, as the admin it was. Only the name is read.
 */
export const startersOf = async (strapi: Core.Strapi, createdBy: Array<string | null>): Promise<RunStarter[]> => {
  const emails = [...new Set(createdBy.filter((value): value is string => !!value && value.includes('@')))];
  const users =
    emails.length === 0
      ? []
      : ((await strapi.db.query(ADMIN_USER_UID).findMany({ select: ['email', 'firstname', 'lastname', 'username'], where: { email: { $in: emails } } })) as AdminUser[]);
  const byEmail = new Map(users.map((user) => [user.email, user]));
  return createdBy.map((value): RunStarter => {
    if (!value) return { kind: 'code', label: null };
    const user = byEmail.get(value);
    if (user) return { kind: 'admin', name: displayNameOf(user) };
    return value.includes('@') ? { kind: 'admin', name: value } : { kind: 'code', label: value };
  });
};
