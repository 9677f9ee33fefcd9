import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { REPLICA_UID, SEND_SLOT_UID, tableOf } from '../../models';
import type { SendSlot, SendSlots } from './send-slots';

/** A replica row not renewed for this long belongs to a process long gone. */
const FORGET_REPLICAS_AFTER_MS = 24 * 60 * 60 * 1000;

export interface ClusterSlotsOptions {
  /** Provider calls in flight across every replica. */
  concurrency: number;
  owner: string;
  /** A dead replica's slots come back after this. */
  leaseMs: number;
  /** A replica holding its fair share may take a freed slot only once it has been free this long (others first). */
  handoffMs: number;
  /** A replica that stops asking for slots stops counting towards the shares after this. */
  memberTtlMs: number;
  onError(error: unknown): void;
  now?(): number;
}

/**
 * `concurrency` slot rows shared by every replica on the database. A slot is taken with a
 * conditional UPDATE (free = its lease ran out), so two replicas never hold the same one, and a
 * replica killed mid-call gives its slots back when their leases end. Fairness: each replica wanting
 * slots counts itself in (a row with a short expiry); one holding less than its share,
 * ⌊concurrency / replicas⌋, takes any free slot at once; one holding its share, while a replica
 * asking holds less than its own, only a slot nobody else took for `handoffMs` — so a replica whose
 * job just ended cannot keep re-taking its slot ahead of one that holds none — and otherwise at once
 * (the slots left over when concurrency is not divisible by the replicas do not idle).
 * Statements: ~2 to take slots (read the slot rows, one UPDATE each), 1 to give one back, 1 to renew
 * one lease, and 2 every memberTtlMs / 3 while asking (the replica's row and the count of replicas).
 */
export const createClusterSendSlots = (strapi: Core.Strapi, options: ClusterSlotsOptions): SendSlots => {
  const now = options.now ?? Date.now;
  const knex = (): Knex => strapi.db.connection;
  const held = new Set<number>();
  let slotsEnsured = 0;
  let replicas = 1;
  let seenAt = Number.NEGATIVE_INFINITY;

  const ensureSlots = async () => {
    if (slotsEnsured >= options.concurrency) return;
    const { name, column } = tableOf(strapi, SEND_SLOT_UID);
    const rows = Array.from({ length: options.concurrency }, (_, i) => ({ [column('slot')]: i + 1, [column('owner')]: null, [column('leaseUntil')]: 0, [column('releasedAt')]: 0 }));
    await knex()(name).insert(rows).onConflict(column('slot')).ignore();
    slotsEnsured = options.concurrency;
  };

  /** This replica asks for slots: it counts towards the shares for a while; the count of replicas asking is read again. */
  const countReplicas = async (at: number) => {
    if (at - seenAt < options.memberTtlMs / 3) return replicas;
    const { name, column } = tableOf(strapi, REPLICA_UID);
    // Each process start adds a row (its owner is new): the long-gone ones are dropped once per process.
    if (seenAt === Number.NEGATIVE_INFINITY) await knex()(name).where(column('seenUntil'), '<', at - FORGET_REPLICAS_AFTER_MS).del();
    await knex()(name)
      .insert({ [column('owner')]: options.owner, [column('seenUntil')]: at + options.memberTtlMs })
      .onConflict(column('owner'))
      .merge([column('seenUntil')]);
    const [{ count }] = (await knex()(name).where(column('seenUntil'), '>=', at).count({ count: '*' })) as Array<{ count: number | string }>;
    replicas = Math.max(1, Number(count));
    seenAt = at;
    return replicas;
  };

  return {
    async acquire(wanted) {
      if (wanted <= 0) return [];
      await ensureSlots();
      const at = now();
      const asking = await countReplicas(at);
      const share = Math.max(1, Math.floor(options.concurrency / asking));
      const { name, column } = tableOf(strapi, SEND_SLOT_UID);
      // Every slot (at most 32 rows): the free ones, and who holds the others.
      const rows = (await knex()(name)
        .where(column('slot'), '<=', options.concurrency)
        .orderBy([column('releasedAt'), column('slot')])
        .select({ slot: column('slot'), owner: column('owner'), leaseUntil: column('leaseUntil'), releasedAt: column('releasedAt') })) as Array<
        Record<'slot' | 'leaseUntil' | 'releasedAt', number | string> & { owner: string | null }
      >;
      const free = rows.filter((row) => Number(row.leaseUntil) < at);
      const heldBy = new Map<string, number>();
      for (const row of rows) if (row.owner && Number(row.leaseUntil) >= at) heldBy.set(row.owner, (heldBy.get(row.owner) ?? 0) + 1);
      // Replicas asking that hold less than their share (this one included): while there are any, one
      // at its share leaves a freed slot to them for handoffMs; else a slot left over (concurrency not
      // divisible by the replicas) is taken at once instead of idling.
      const others = [...heldBy].filter(([owner, count]) => owner !== options.owner && count >= share).length;
      const someoneBelowShare = asking - others - (held.size >= share ? 1 : 0) > 0;
      const taken: SendSlot[] = [];
      for (const candidate of free) {
        if (taken.length >= wanted) break;
        const underShare = held.size < share;
        if (!underShare && someoneBelowShare && Number(candidate.releasedAt) > at - options.handoffMs) continue;
        const slot = Number(candidate.slot);
        const changed = await knex()(name)
          .where(column('slot'), slot)
          .andWhere(column('leaseUntil'), '<', at)
          .update({ [column('owner')]: options.owner, [column('leaseUntil')]: at + options.leaseMs });
        if (changed !== 1) continue; // another replica took it first
        held.add(slot);
        taken.push({ id: slot });
      }
      return taken;
    },

    async release(slot) {
      if (!held.delete(slot.id)) return;
      const { name, column } = tableOf(strapi, SEND_SLOT_UID);
      await knex()(name)
        .where({ [column('slot')]: slot.id, [column('owner')]: options.owner })
        .update({ [column('owner')]: null, [column('leaseUntil')]: 0, [column('releasedAt')]: now() })
        .then(() => undefined, options.onError);
    },

    renew(slot) {
      if (!held.has(slot.id)) return;
      const { name, column } = tableOf(strapi, SEND_SLOT_UID);
      knex()(name)
        .where({ [column('slot')]: slot.id, [column('owner')]: options.owner })
        .update({ [column('leaseUntil')]: now() + options.leaseMs })
        .catch(options.onError);
    },
  };
};
