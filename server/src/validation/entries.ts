import { z } from 'zod';

/** A content type uid of the app (`api::article.article`); plugins' own types are not entries. */
export const contentTypeUid = z.string().regex(/^api::[a-z0-9-]+\.[a-z0-9-]+$/, 'must be a content type uid such as "api::article.article"');
const documentId = z.string().regex(/^[a-z0-9]{1,64}$/i, 'must be a document id');
const locale = z.string().regex(/^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/i, 'must be a locale code such as "en" or "fr-FR"');

/** GET /entries/images */
export const entryImagesQuery = z.object({ model: contentTypeUid, documentId, locale: locale.optional() }).strict();

/** POST /entries/images/generate */
export const generateEntryImagesBody = z
  .object({ model: contentTypeUid, documentId, locale: locale.nullable().optional(), fileIds: z.array(z.number().int().positive()).min(1).max(200).optional() })
  .strict();

/** The `entries` run scope. */
export const entriesScope = z
  .object({ kind: z.literal('entries'), model: contentTypeUid, documentIds: z.array(documentId).min(1).max(100), locale: locale.nullable().optional() })
  .strict();
