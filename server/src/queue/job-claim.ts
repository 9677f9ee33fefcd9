import type { Core } from '@strapi/strapi';
import { JOB_UID } from '../models';
import type { JobRow } from './job-rows';

let lastLeaseUntil = 0;
/**
 * A lease end no other claim of this process has used: with the owner, it names one claim's jobs,
 * so a batch claim that lost some rows to another worker can read back which ones it won.
 */
export const nextLeaseUntil = (at: number): Date => {
  lastLeaseUntil = Math.max(at, lastLeaseUntil + 1);
  return new Date(lastLeaseUntil);
};

/**
 * One conditional update per (status, attempts) among `picks` — usually one for the whole batch.
 * When it changed fewer rows than asked, another worker took the rest first: this claim's
 * (owner, leaseUntil) reads back which are ours.
 */
export const createClaimBatch = (strapi: Core.Strapi) => {
  const jobs = () => strapi.db.query(JOB_UID);
  return async (picks: JobRow[], owner: string, leaseUntil: Date, now: Date): Promise<JobRow[]> => {
    const groups = new Map<string, JobRow[]>();
    for (const pick of picks) groups.set(`${pick.status}/${pick.attempts}`, [...(groups.get(`${pick.status}/${pick.attempts}`) ?? []), pick]);
    const claimed: JobRow[] = [];
    for (const group of groups.values()) {
      const [{ status, attempts }] = group;
      const ids = group.map((job) => job.id);
      const { count } = await jobs().updateMany({
        where: { id: { $in: ids }, status, attempts },
        data: { status: 'running', leaseOwner: owner, leaseUntil, attempts: attempts + 1, updatedAt: now },
      });
      if (count === 0) continue;
      const ours =
        count === group.length
          ? new Set(ids)
          : new Set(((await jobs().findMany({ select: ['id'], where: { id: { $in: ids }, leaseOwner: owner, leaseUntil } })) as Array<{ id: number }>).map((row) => Number(row.id)));
      for (const job of group) if (ours.has(job.id)) claimed.push({ ...job, status: 'running', leaseOwner: owner, leaseUntil, attempts: attempts + 1 });
    }
    return claimed;
  };
};
