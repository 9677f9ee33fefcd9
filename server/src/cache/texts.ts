import type { Core } from '@strapi/strapi';
import { CACHED_TEXT_UID, FINGERPRINT_UID, tableOf } from '../models';

export interface NewCachedText {
  cacheKey: string;
  fingerprint: string;
  settings: string;
  lang: string;
  provider: string;
  text: string;
}

/**
 * The texts the provider wrote, by the question that produced them. Never shown anywhere: a text
 * leaves this table only as the answer to the same question about the same bytes.
 */
export const createCachedTexts = (strapi: Core.Strapi) => {
  const rows = () => strapi.db.query(CACHED_TEXT_UID);
  const table = tableOf(strapi, CACHED_TEXT_UID);

  return {
    /** The cached text for this key, counting the hit; undefined when none. */
    async take(cacheKey: string): Promise<{ text: string; provider: string } | undefined> {
      const found = (await rows().findOne({ select: ['id', 'text', 'provider'], where: { cacheKey } })) as { id: number; text: string; provider: string } | null;
      if (!found) return undefined;
      await strapi.db.connection(table.name).where(table.column('id'), found.id).update({ [table.column('hits')]: strapi.db.connection.raw('?? + 1', [table.column('hits')]), [table.column('lastUsedAt')]: new Date() });
      return { text: found.text, provider: found.provider };
    },

    /** Keeps an answer; a second answer to the same question (two replicas at once) replaces the first. */
    async put(entry: NewCachedText): Promise<void> {
      const now = new Date();
      const changes = table.row({ text: entry.text, provider: entry.provider, lastUsedAt: now, updatedAt: now });
      await strapi.db.connection(table.name).insert({ ...table.row({ ...entry, hits: 0, createdAt: now }), ...changes }).onConflict(table.column('cacheKey')).merge(changes);
    },

    /** For estimates: which languages have a text for each fingerprint under these settings (any context). */
    async languagesFor(fingerprints: string[], settings: string): Promise<Map<string, Set<string>>> {
      const found = new Map<string, Set<string>>();
      if (fingerprints.length === 0) return found;
      const hits = (await rows().findMany({ select: ['fingerprint', 'lang'], where: { fingerprint: { $in: [...new Set(fingerprints)] }, settings } })) as Array<{ fingerprint: string; lang: string }>;
      for (const hit of hits) found.set(hit.fingerprint, (found.get(hit.fingerprint) ?? new Set()).add(hit.lang.toLowerCase()));
      return found;
    },

    /** The texts of these bytes, unless a file in the library still has them: what a deleted file leaves behind. */
    async forgetUnlessKept(fingerprint: string): Promise<number> {
      const prints = tableOf(strapi, FINGERPRINT_UID);
      const kept = strapi.db.connection(prints.name).select(prints.column('fileId')).where(prints.column('fingerprint'), fingerprint).limit(1);
      if ((await kept).length > 0) return 0;
      return strapi.db.connection(table.name).where(table.column('fingerprint'), fingerprint).delete();
    },

    /**
     * Texts of bytes that no file in the library has any more: the sweep, run with the pruning, for
     * what a delete did not forget (files replaced with new bytes, deleted while the plugin was off).
     */
    async forgetOrphans(): Promise<number> {
      const prints = tableOf(strapi, FINGERPRINT_UID);
      return strapi.db
        .connection(table.name)
        .whereNotIn(table.column('fingerprint'), strapi.db.connection(prints.name).select(prints.column('fingerprint')))
        .delete();
    },

    /** Texts not used since `before` (pruned with the jobs). */
    async pruneUnusedSince(before: Date): Promise<number> {
      return strapi.db.connection(table.name).where(table.column('lastUsedAt'), '<', before).delete();
    },
  };
};

export type CachedTexts = ReturnType<typeof createCachedTexts>;
