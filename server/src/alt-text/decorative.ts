import type { Core } from '@strapi/strapi';
import type { AltTextActor } from '../../../shared/contracts/history';
import { DECORATIVE_UID, knexNow, tableOf, type DecorativeStatus } from '../models';

export interface DecorativeRow {
  id: number;
  fileId: number;
  status: DecorativeStatus;
  reason: string | null;
  actor: AltTextActor | null;
  createdAt?: string | Date;
  updatedAt?: string | Date;
}

/** The reason a job gives for leaving a marked image alone (runs count it under this name). */
export const MARKED_DECORATIVE = 'marked decorative (alt="")';

/** The skip reason of an image detection suggests as decorative: nothing is written, nothing paid. */
export const suggestedDecorative = (why: string): string => `looks decorative (${why}): not described, confirm or describe anyway in the media list`;

/**
 * Images marked (or suggested) decorative, one row per file. The mark itself is this row; the ''
 * texts it implies are written by the decorative service, which also tells the change.
 */
export const createDecorativeStore = (strapi: Core.Strapi) => {
  const rows = () => strapi.db.query(DECORATIVE_UID);
  const table = tableOf(strapi, DECORATIVE_UID);

  /** One row per file, whoever writes first: an upsert on the unique file id. */
  const put = async (fileId: number, status: DecorativeStatus, reason: string | null, actor: AltTextActor | null): Promise<void> => {
    const now = new Date();
    const changes = table.row({ status, reason, actor: actor ? JSON.stringify(actor) : null, updatedAt: now });
    await (await knexNow(strapi))(table.name).insert({ ...changes, ...table.row({ fileId, createdAt: now }) }).onConflict([table.column('fileId')]).merge(changes);
  };

  return {
    async forFiles(fileIds: number[]): Promise<Map<number, DecorativeRow>> {
      if (fileIds.length === 0) return new Map();
      const found = (await rows().findMany({ where: { fileId: { $in: fileIds } } })) as DecorativeRow[];
      return new Map(found.map((row) => [Number(row.fileId), row]));
    },
    async get(fileId: number): Promise<DecorativeRow | null> {
      return (await rows().findOne({ where: { fileId } })) as DecorativeRow | null;
    },
    mark: (fileId: number, actor: AltTextActor): Promise<void> => put(fileId, 'marked', null, actor),
    /** Never turns an editor's mark back into a suggestion. */
    async suggest(fileId: number, reason: string): Promise<void> {
      const current = await this.get(fileId);
      if (current?.status !== 'marked') await put(fileId, 'suggested', reason, { kind: 'system' });
    },
    async remove(fileId: number): Promise<DecorativeRow | null> {
      const current = await this.get(fileId);
      if (current) await rows().delete({ where: { id: current.id } });
      return current;
    },
    async isMarked(fileId: number): Promise<boolean> {
      return (await this.get(fileId))?.status === 'marked';
    },
  };
};

export type DecorativeStore = ReturnType<typeof createDecorativeStore>;
