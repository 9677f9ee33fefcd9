import type { Core } from '@strapi/strapi';
import { createDecorativeStore, MARKED_DECORATIVE, suggestedDecorative, type DecorativeRow } from '../alt-text/decorative';
import { spacerHint } from '../alt-text/decorative-detect';
import type { LocaleState } from '../alt-text/locale-state';
import type { ImageSource, StoredFile } from '../image-source';
import type { GenerateOptions } from './types';

/**
 * The free decorative checks before a paid call. A marked image is never described (whatever the
 * mode: an editor unmarks it first). With `detectDecorative`, a spacer (from the stored width and
 * height) or a flat-colour image (bytes read only from local storage) is suggested decorative and
 * skipped, written nowhere — except for a person's own request (`manual`: Regenerate, "Describe anyway").
 * Returns the skip reason, or undefined to go on.
 */
export const decorativeSkip = async (
  strapi: Core.Strapi,
  input: {
    file: StoredFile & { width?: number | null; height?: number | null };
    states: Array<LocaleState | undefined>;
    /** The file's decorative row, as read with its locale states (null: none). */
    current: DecorativeRow | null;
    detect: boolean;
    imageSource: ImageSource;
    options: GenerateOptions;
  }
): Promise<string | undefined> => {
  if (input.states.length > 0 && input.states.every((state) => state?.source === 'decorative')) return MARKED_DECORATIVE;
  if (!input.detect || input.options.reason === 'manual') return undefined;
  const store = createDecorativeStore(strapi);
  const { current } = input;
  if (current?.status === 'suggested') return suggestedDecorative(current.reason ?? 'suggested earlier');
  const hint = spacerHint({ width: input.file.width ?? null, height: input.file.height ?? null }) ?? (await input.imageSource.uniformity(input.file));
  if (!hint) return undefined;
  await store.suggest(input.file.id, hint);
  return suggestedDecorative(hint);
};

/** Why a job left an image the model judged decorative (`generateJudged`) undescribed. */
export const MODEL_JUDGED_DECORATIVE = 'the model judged it decorative';

/**
 * The model's judgement, recorded as detection's are: a suggestion (never over an editor's mark),
 * nothing written. The call was paid. Returns the job's skip reason.
 */
export const suggestJudgedDecorative = async (strapi: Core.Strapi, fileId: number): Promise<string> => {
  await createDecorativeStore(strapi).suggest(fileId, MODEL_JUDGED_DECORATIVE);
  return suggestedDecorative(MODEL_JUDGED_DECORATIVE);
};
