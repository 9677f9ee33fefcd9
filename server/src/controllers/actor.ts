import type { Context } from 'koa';
import type { AltTextActor } from '../../../shared/contracts/history';

interface AdminUser {
  id?: number | string;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
}

/** The admin user making the request, as the author of an alt-text change (its history names them). */
export const actorOf = (ctx: Context): AltTextActor => {
  const user = ctx.state?.user as AdminUser | undefined;
  if (!user?.id) return { kind: 'system' };
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.username || user.email || `#${user.id}`;
  return { kind: 'user', id: Number(user.id), name };
};
