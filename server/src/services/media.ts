import type { Core } from '@strapi/strapi';
import type { Page } from '../../../shared/contracts/common';
import type { AltTextActor } from '../../../shared/contracts/history';
import type { AltTextLimits, MediaItemView } from '../../../shared/contracts/media';
import { createDecorativeStore, type DecorativeRow } from '../alt-text/decorative';
import { generatedTextToKeep } from '../alt-text/emptied-text';
import { forgetFile } from '../alt-text/forget-file';
import { createFingerprintStore, forgetCachedFile } from '../cache';
import { createMediaFilter, type MediaFilter } from '../alt-text/media-filter';
import { createProvenanceStore, type ProvenanceRow } from '../alt-text/provenance';
import { createLocaleStates } from '../alt-text/locale-state';
import { createLocaleTextStore, type LocaleTextRow } from '../alt-text/locale-texts';
import { createLocaleWriter } from '../alt-text/locale-write';
import type { LocaleSet } from '../config/locales';
import { createQualityStore } from '../quality/store';
import { isImageMime } from '../utils/file-label';
import { FILE_UID } from '../utils/plugin-id';
import { readConfig } from '../config/read';
import { HARD_MAX_ALT_TEXT_LENGTH } from '../validation/media';
import { getService } from './get-service';

export type { MediaFilter } from '../alt-text/media-filter';

interface FileRecord {
  id: number;
  name: string;
  mime: string;
  width: number | null;
  height: number | null;
  url: string;
  formats: Record<string, { url: string }> | null;
  alternativeText: string | null;
}

interface UploadFileService {
  signFileUrls(file: FileRecord): Promise<FileRecord>;
}

/** The admin's media list: images with their alt text in one locale, where it came from, and a thumbnail the browser can load. */
export const createMediaService = ({ strapi }: { strapi: Core.Strapi }) => {
  const filter = createMediaFilter(strapi);
  const provenance = createProvenanceStore(strapi);
  const localeTexts = createLocaleTextStore(strapi);
  const states = createLocaleStates(strapi);
  const localeWriter = createLocaleWriter(strapi);
  const quality = createQualityStore(strapi);
  const decorative = createDecorativeStore(strapi);
  const files = () => strapi.db.query(FILE_UID);
  const activeOf = (ids: number[]) => getService(strapi, 'queue').jobs().filesWithActiveJobs(ids);
  const locales = () => getService(strapi, 'locales');

  // The Read and Generate permissions cover images, not every file in the library.
  const findImage = async (fileId: number): Promise<FileRecord | null> => {
    const file = (await files().findOne({ where: { id: fileId } })) as FileRecord | null;
    return file && isImageMime(file.mime) ? file : null;
  };

  /** Signed like Strapi's own Media Library does it, when the storage is private. */
  const thumbnailOf = async (file: FileRecord): Promise<string | null> => {
    try {
      const signed = await (strapi.plugin('upload').service('file') as UploadFileService).signFileUrls(file);
      return signed.formats?.thumbnail?.url ?? signed.url ?? null;
    } catch {
      return null;
    }
  };

  /** The items of these files in `locale`, by id (non-images left out). */
  const itemsOf = async (rows: FileRecord[], locale: string, set: LocaleSet): Promise<Map<number, MediaItemView>> => {
    const images = rows.filter((file) => isImageMime(file.mime));
    const ids = images.map((file) => file.id);
    const isDefault = locale === set.default;
    const [byFile, active, records, texts, marks] = await Promise.all([
      states.of(images, set),
      activeOf(ids),
      isDefault ? provenance.forFiles(ids) : Promise.resolve(new Map<number, ProvenanceRow>()),
      isDefault ? Promise.resolve(new Map<number, Map<string, LocaleTextRow>>()) : localeTexts.forFiles(ids, [locale]),
      decorative.forFiles(ids),
    ]);
    const flags = await quality.current(new Map(images.map((file) => [file.id, byFile.get(file.id)?.get(locale)?.text ?? null])), locale);
    const items = await Promise.all(
      images.map(async (file): Promise<MediaItemView> => {
        const state = byFile.get(file.id)?.get(locale) ?? { text: null, source: 'missing' as const };
        const generatedBy = state.source !== 'generated' ? undefined : isDefault ? fromProvenance(records.get(file.id)) : fromLocaleRow(texts.get(file.id)?.get(locale), locale);
        return {
          id: file.id,
          name: file.name,
          mime: file.mime,
          width: file.width,
          height: file.height,
          thumbnailUrl: await thumbnailOf(file),
          alternativeText: state.text,
          source: state.source,
          ...(generatedBy ? { generatedBy } : {}),
          queued: active.has(file.id),
          ...decorativeOf(marks.get(file.id), state.source),
          locale,
          flags: flags.get(file.id) ?? [],
        };
      })
    );
    return new Map(items.map((item) => [item.id, item]));
  };

  return {
    async list(options: { filter?: MediaFilter; search?: string; page?: number; pageSize?: number; locale?: string }): Promise<Page<MediaItemView>> {
      const { page = 1, pageSize = 20 } = options;
      const { locale, locales: set } = await locales().pick(options.locale);
      const { ids, total, totalIsLowerBound } = await filter.page(options.filter ?? 'all', options.search, page, pageSize, locale === set.default ? null : locale, set.default);
      const rows = (await files().findMany({ where: { id: { $in: ids } }, orderBy: { id: 'desc' } })) as FileRecord[];
      const items = await itemsOf(rows, locale, set);
      return { rows: rows.flatMap((file) => items.get(file.id) ?? []), total, page, pageSize, ...(totalIsLowerBound ? { totalIsLowerBound } : {}) };
    },

    /** The given images (others are left out) as the list shows them, by id, in the default locale or `locale`. */
    async items(fileIds: number[], locale?: string): Promise<Map<number, MediaItemView>> {
      if (fileIds.length === 0) return new Map();
      const picked = await locales().pick(locale);
      return itemsOf((await files().findMany({ where: { id: { $in: fileIds } } })) as FileRecord[], picked.locale, picked.locales);
    },

    /**
     * Queues one image to be described again (in one locale, or all), replacing whatever alt text it
     * has. A job already waiting for the file absorbs the request; a job running now gets it as its follow-up.
     */
    async regenerate(fileId: number, lang?: string | null, locale?: string | null): Promise<{ queued: boolean } | null> {
      if (!(await findImage(fileId))) return null;
      if (locale) await locales().pick(locale);
      await getService(strapi, 'queue').request(fileId, { reason: 'manual', mode: 'overwrite', lang: lang ?? null, locales: locale ? [locale] : null });
      return { queued: true };
    },

    /** The file was deleted: its texts in other locales, its provenance and its bytes' cached texts (unless another file has the same bytes) go with it. */
    async forgetFile(fileId: number): Promise<void> {
      await forgetFile(strapi, fileId);
      await forgetCachedFile(strapi, fileId);
    },

    /** How long an edited text may be: warned above `maxLength` (config), refused above the hard limit. */
    limits: (): AltTextLimits => ({ maxLength: readConfig(strapi).maxLength, hardMaxLength: HARD_MAX_ALT_TEXT_LENGTH }),

    /** An update from outside the plugin (Strapi's Media Library dialog) about to empty the text the plugin generated: the text to keep, or null. */
    generatedTextToKeep: (fileId: number, next: unknown, nextName: unknown) => generatedTextToKeep(strapi, fileId, next, nextName),

    /** The file got new bytes (a replace keeps its stored name): its fingerprint is computed again when next needed. */
    async bytesReplaced(fileId: number): Promise<void> {
      await createFingerprintStore(strapi).forget([fileId]);
    },

    /** A human edit in one locale: from then on that text counts as a person's, and fill runs leave it alone. */
    async updateAltText(fileId: number, alternativeText: string, locale?: string, actor?: AltTextActor): Promise<MediaItemView | null> {
      const file = await findImage(fileId);
      if (!file) return null;
      const picked = await locales().pick(locale);
      await localeWriter.writeByHand(fileId, picked.locale, picked.locales, alternativeText, 'human', actor);
      const current = (await findImage(fileId)) ?? file;
      return (await itemsOf([current], picked.locale, picked.locales)).get(fileId) ?? null;
    },
  };
};

/** A mark shows while its '' is the text; a suggestion while the text is still missing (a person's text since wins). */
const decorativeOf = (row: DecorativeRow | undefined, source: MediaItemView['source']): Pick<MediaItemView, 'decorative'> =>
  row && ((row.status === 'marked' && source === 'decorative') || (row.status === 'suggested' && source === 'missing')) ? { decorative: { status: row.status, reason: row.reason } } : {};

const fromProvenance = (record: ProvenanceRow | undefined) =>
  record && {
    provider: record.provider,
    ...(record.fallback ? { fallback: true } : {}),
    lang: record.lang,
    at: new Date(record.generatedAt).toISOString(),
    context: record.context ? { typeName: record.context.typeName, title: record.context.title } : null,
  };

const fromLocaleRow = (row: LocaleTextRow | undefined, locale: string) =>
  row && {
    provider: row.provider ?? '',
    ...(row.fallback ? { fallback: true } : {}),
    lang: locale,
    at: new Date((row as LocaleTextRow & { updatedAt?: string | Date }).updatedAt ?? Date.now()).toISOString(),
    context: row.context ? { typeName: row.context.typeName, title: row.context.title } : null,
  };
