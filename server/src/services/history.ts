import type { Core } from '@strapi/strapi';
import type { AltTextActor, AltTextVersionView, GetHistory } from '../../../shared/contracts/history';
import { createLocaleStates } from '../alt-text/locale-state';
import { createLocaleWriter } from '../alt-text/locale-write';
import { invalidRequest } from '../errors/field-errors';
import { createVersionStore, type VersionRow } from '../history';
import { PROVENANCE_UID } from '../models';
import { isImageMime } from '../utils/file-label';
import { FILE_UID } from '../utils/plugin-id';
import { getService } from './get-service';

interface ImageRow {
  id: number;
  name: string;
  mime: string;
  alternativeText: string | null;
}

const viewOf = (row: VersionRow, current: boolean): AltTextVersionView => ({
  id: row.id,
  fileId: row.fileId,
  locale: row.locale,
  text: row.text ?? '',
  kind: row.kind,
  actor: row.actor ?? { kind: 'system' },
  provider: row.provider ?? null,
  lang: row.lang ?? null,
  jobId: row.jobId ?? null,
  createdAt: new Date(row.createdAt).toISOString(),
  current,
});

/** One image's alt-text history per locale, and undo: a past version's text restored as a person's choice. Costs no provider call. */
export const createHistoryService = ({ strapi }: { strapi: Core.Strapi }) => {
  const versions = createVersionStore(strapi);
  const states = createLocaleStates(strapi);
  const writer = createLocaleWriter(strapi);
  const locales = () => getService(strapi, 'locales');

  // Like the media routes: Read and Generate cover images, not every file in the library.
  const findImage = async (fileId: number): Promise<ImageRow | null> => {
    const file = (await strapi.db.query(FILE_UID).findOne({ where: { id: fileId }, select: ['id', 'name', 'mime', 'alternativeText'] })) as ImageRow | null;
    return file && isImageMime(file.mime) ? file : null;
  };

  const list = async (fileId: number, options: { locale?: string; page?: number; pageSize?: number }): Promise<GetHistory.Response['data'] | null> => {
    const file = await findImage(fileId);
    if (!file) return null;
    const { page = 1, pageSize = 20 } = options;
    const { locale, locales: set } = await locales().pick(options.locale);
    const currentText = (await states.of([file], set)).get(fileId)?.get(locale)?.text ?? null;
    const found = await versions.page(fileId, locale, page, pageSize);
    // Current: the newest version, unless the text was changed since outside the plugin (the Media Library).
    const isCurrent = (row: VersionRow) => row.id === found.newestId && (row.text ?? '') === (currentText ?? '');
    return { rows: found.rows.map((row) => viewOf(row, isCurrent(row))), total: found.total, page, pageSize, locale, currentText };
  };

  return {
    list,

    /**
     * Restores one version's text in its locale, as a person's edit (fill runs and new bytes keep it),
     * announced as `reverted` by `actor`. A version of another image, or one without text, is refused.
     */
    async revert(fileId: number, versionId: number, actor: AltTextActor): Promise<AltTextVersionView | null> {
      if (!(await findImage(fileId))) return null;
      const version = await versions.get(versionId);
      if (!version || version.fileId !== fileId) throw invalidRequest([{ path: ['versionId'], message: `is not a version of image #${fileId}` }]);
      if (!version.text) throw invalidRequest([{ path: ['versionId'], message: 'has no text to restore (a decorative mark is undone by unmarking the image)' }]);
      const { locales: set } = await locales().pick(version.locale);
      await writer.writeByHand(fileId, version.locale, set, version.text, 'human', actor, 'reverted');
      // The default locale's text is the plugin's while it equals the provenance: a restored generated text is a person's choice now.
      if (version.locale === set.default) await strapi.db.query(PROVENANCE_UID).deleteMany({ where: { fileId, text: version.text } });
      const newest = (await list(fileId, { locale: version.locale, page: 1, pageSize: 1 }))?.rows[0];
      if (!newest) throw new Error(`the revert of image #${fileId} was stored, but its version was not`);
      return newest;
    },
  };
};
