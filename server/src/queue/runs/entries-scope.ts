import type { Core } from '@strapi/strapi';
import type { RunScope } from '../../../../shared/contracts/runs';
import { readConfig } from '../../config/read';
import { createContextResolver } from '../../context';
import type { EntryRef } from '../../generation/types';

type EntriesScope = Extract<RunScope, { kind: 'entries' }>;

/**
 * A run over the images some entries use: which files, and the entry whose context each is
 * described with (the first selected entry that uses it). Resolved per page: a run covers at most
 * 100 entries, so this is a handful of queries, never the whole library.
 */
export const resolveEntriesScope = async (strapi: Core.Strapi, scope: EntriesScope): Promise<Map<number, EntryRef>> => {
  const resolver = createContextResolver(strapi, readConfig(strapi).entryContext);
  const contextOf = new Map<number, EntryRef>();
  for (const documentId of scope.documentIds) {
    for (const image of await resolver.forEntry(scope.model, documentId, scope.locale ?? undefined)) {
      if (!contextOf.has(image.fileId)) contextOf.set(image.fileId, { uid: scope.model, documentId, locale: image.context.locale ?? scope.locale ?? null });
    }
  }
  return contextOf;
};
