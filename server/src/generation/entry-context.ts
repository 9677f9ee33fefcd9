import { LANGUAGE_CODE } from '../../../shared/vocabulary';
import type { EntryContext } from '../providers/types';
import type { ContextSource, GenerateOptions } from './types';

/**
 * The entries whose context reaches the provider for this job: the one entry it names (the side
 * panel, an entry-scoped run, an upgrade), or every entry that uses the image. A failure to read
 * them costs the job its context, never the job itself.
 */
export const entriesFor = async (
  source: ContextSource | undefined,
  fileId: number,
  options: Pick<GenerateOptions, 'contextEntry'>,
  onError: (error: unknown) => void
): Promise<EntryContext[]> => {
  if (!source) return [];
  try {
    if (options.contextEntry) {
      const { uid, documentId, locale } = options.contextEntry;
      // The entry may no longer use the image (edited since): then no context rather than a wrong one.
      const image = (await source.forEntry(uid, documentId, locale ?? undefined)).find((each) => each.fileId === fileId);
      return image ? [image.context] : [];
    }
    return (await source.forFile(fileId)).entries;
  } catch (error) {
    onError(error);
    return [];
  }
};

/** The language asked for, else the first entry's locale (Strapi's `fr`, `pt-BR`), else the configured one. */
export const languageFor = (asked: string | null | undefined, entries: EntryContext[], configured: string): string => {
  if (asked) return asked;
  const locale = entries[0]?.locale;
  return locale && LANGUAGE_CODE.test(locale) ? locale.toLowerCase() : configured;
};
