import type { Core } from '@strapi/strapi';
import { createSignedImageReader, type SignedImageReader } from '../image-source/signed-image-reader';

/** The read side of plugin-signed URLs, built on first request (the upload provider exists only after bootstrap). */
export const createSignedImageService = ({ strapi }: { strapi: Core.Strapi }) => {
  let reader: SignedImageReader | undefined;
  const get = () => (reader ??= createSignedImageReader(strapi));
  return {
    verify: (rawQuery: string) => get().verify(rawQuery),
    open: (fileId: number, variant: Parameters<SignedImageReader['open']>[1]) => get().open(fileId, variant),
  };
};
