import { unstable_useContentManagerContext as useContentManagerContext, useQueryParams } from '@strapi/strapi/admin';
import { canHoldImages, isAppContentType } from '../utils/entrySchema';

/**
 * Whether entries of the content-manager's current model can use images: an app content type
 * with a media, Blocks or Markdown field somewhere. The entry panel and the bulk action show only then.
 */
export const useModelHoldsImages = (model: string): boolean => {
  const { contentType, components } = useContentManagerContext();
  if (!isAppContentType(model) || !contentType) return false;
  return canHoldImages(contentType, components);
};

/** The locale the content-manager shows (`?plugins[i18n][locale]=fr`); null for a type without i18n. */
export const useContentManagerLocale = (): string | null => {
  const [{ query }] = useQueryParams<{ plugins?: { i18n?: { locale?: string } } }>();
  return query.plugins?.i18n?.locale || null;
};
