import type { Core } from '@strapi/strapi';
import type { AltTextActor } from '../../../shared/contracts/history';
import type { ReviewPage, SuggestionView } from '../../../shared/contracts/review';
import { onAltTextChange } from '../alt-text/changes';
import { createLocaleWriter } from '../alt-text/locale-write';
import { createSuggestionStore, type SuggestionRow } from '../alt-text/suggestions';
import type { AltTextFileRow } from '../alt-text/locale-state';
import { FILE_UID } from '../utils/plugin-id';
import { getService } from './get-service';

interface PreviewFile extends AltTextFileRow {
  url: string;
  formats: Record<string, { url: string }> | null;
}

interface UploadFileService {
  signFileUrls(file: PreviewFile): Promise<PreviewFile>;
}

/**
 * Review before publish: the suggestions awaiting an editor, and what approving or rejecting one
 * does. Listing and deciding cost nothing; a reject with `regenerate` costs one call (a new suggestion).
 */
export const createReviewService = ({ strapi }: { strapi: Core.Strapi }) => {
  const suggestions = createSuggestionStore(strapi);
  const writer = createLocaleWriter(strapi);
  const files = () => strapi.db.query(FILE_UID);
  const locales = () => getService(strapi, 'locales');

  /** Large enough to judge a description by, signed like the Media Library does when the storage is private. */
  const previewOf = async (file: PreviewFile | undefined): Promise<string | null> => {
    if (!file) return null;
    try {
      const signed = await (strapi.plugin('upload').service('file') as UploadFileService).signFileUrls(file);
      return signed.formats?.medium?.url ?? signed.formats?.small?.url ?? signed.url ?? null;
    } catch {
      return null;
    }
  };

  const approveOne = async (row: SuggestionRow, edited: string | undefined, actor: AltTextActor): Promise<boolean> => {
    const file = (await files().findOne({ where: { id: row.fileId } })) as AltTextFileRow | null;
    if (!file) {
      await suggestions.remove(row.id);
      return false;
    }
    const { locales: set } = await locales().pick(row.locale);
    const record = edited === undefined ? { provider: row.provider ?? 'unknown', fallback: !!row.fallback, lang: row.lang ?? row.locale, strategy: row.strategy, jobId: row.jobId, context: row.context } : null;
    await writer.approve(file, row.locale, set, edited ?? row.text, record, actor);
    await suggestions.remove(row.id);
    return true;
  };

  return {
    async list(options: { page?: number; pageSize?: number; locale?: string }): Promise<ReviewPage> {
      const { page = 1, pageSize = 20 } = options;
      const { locale } = await locales().pick(options.locale);
      const [found, counts] = await Promise.all([suggestions.page(locale, page, pageSize), suggestions.counts()]);
      const ids = found.rows.map((row) => row.fileId);
      const [items, rows] = await Promise.all([
        getService(strapi, 'media').items(ids, locale),
        ids.length > 0 ? (files().findMany({ where: { id: { $in: ids } } }) as Promise<PreviewFile[]>) : Promise.resolve([] as PreviewFile[]),
      ]);
      const byId = new Map(rows.map((file) => [file.id, file]));
      const views = await Promise.all(
        found.rows.map(async (row): Promise<SuggestionView> => ({
          id: row.id,
          fileId: row.fileId,
          locale: row.locale,
          text: row.text,
          provider: row.provider,
          lang: row.lang,
          createdAt: new Date(row.createdAt).toISOString(),
          image: items.get(row.fileId) ?? null,
          previewUrl: await previewOf(byId.get(row.fileId)),
        }))
      );
      return { rows: views, total: found.total, page, pageSize, locale, counts };
    },

    /** Writes one suggestion (as it is, or as the editor edited it); null when it is no longer pending. */
    async approve(id: number, text: string | undefined, actor: AltTextActor): Promise<{ approved: number[] } | null> {
      const row = await suggestions.get(id);
      if (!row) return null;
      return { approved: (await approveOne(row, text?.trim(), actor)) ? [id] : [] };
    },

    /** Approves these suggestions as they are, one after another; ids no longer pending are left out. */
    async approveMany(ids: number[], actor: AltTextActor): Promise<{ approved: number[] }> {
      const approved: number[] = [];
      for (const row of await suggestions.getMany([...new Set(ids)])) if (await approveOne(row, undefined, actor)) approved.push(row.id);
      return { approved };
    },

    /** Drops a suggestion; with `regenerate`, the image is queued again in that locale (overwrite: one credit, a new suggestion). */
    async reject(id: number, regenerate: boolean): Promise<{ rejected: number; queued: boolean } | null> {
      const row = await suggestions.get(id);
      if (!row) return null;
      await suggestions.remove(row.id);
      const queued = regenerate ? ((await getService(strapi, 'media').regenerate(row.fileId, null, row.locale)) ?? { queued: false }).queued : false;
      return { rejected: id, queued };
    },
  };
};

/**
 * At register: a text someone else decided (a person's edit, an undo, a decorative mark, a text
 * written while review was off) makes the suggestion for that locale moot; it is dropped. A CSV
 * import drops its own, a chunk at a time in its transaction (alt-text/import-write.ts).
 */
export const dropSuggestionsOnChange = (strapi: Core.Strapi): void => {
  // The store reads the models' metadata, which does not exist yet at register: made at the first change.
  let suggestions: ReturnType<typeof createSuggestionStore> | undefined;
  onAltTextChange(strapi, async ({ fileId, locale, kind, noSuggestion }) => {
    if (kind === 'imported' || kind === 'approved' || noSuggestion) return;
    suggestions ??= createSuggestionStore(strapi);
    await suggestions.dropFor([{ fileId, locale }]);
  });
};
