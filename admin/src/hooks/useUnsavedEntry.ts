import { useForm } from '@strapi/strapi/admin';
import { imagesSignature } from '../utils/formImages';

export interface UnsavedEntry {
  /** The editor's form differs from the entry as last saved. */
  modified: boolean;
  /** …and the difference adds or removes images (the server lists only the saved ones). */
  imagesChanged: boolean;
}

/**
 * What the entry editor holds that the server has not seen yet, read from the content-manager's
 * own form state (the side panels render inside its form). Outside a form: nothing unsaved.
 */
export const useUnsavedEntry = (): UnsavedEntry => {
  const modified = useForm('AutoAltTextPanel', (state) => state.modified, false) ?? false;
  const imagesChanged =
    useForm('AutoAltTextPanel', (state) => state.modified && imagesSignature(state.values) !== imagesSignature(state.initialValues), false) ?? false;
  return { modified, imagesChanged };
};
