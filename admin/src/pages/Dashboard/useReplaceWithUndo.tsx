import * as React from 'react';
import { useNotification } from '@strapi/strapi/admin';
import type { MediaItemView } from '../../../../shared/contracts/media';
import { UndoToast } from '../../components/UndoToast';
import { UndoUnavailableError, useUndoReplace } from '../../hooks/useHistory';
import { useT } from '../../hooks/useT';

/**
 * Regenerate's confirm step and its Undo: the text a replace will overwrite is remembered when the
 * job is queued; once the row's work is done and its text changed, a toast offers to put it back
 * (History's Revert to that version, no provider call).
 */
/**
 * The text a queued Regenerate will replace, by image and locale: once the row holds another text
 * and no work, it was replaced. Kept outside the row, so a row drawn again (the list refetched,
 * filtered, paged) still knows.
 */
const expectedReplaces = new Map<string, string>();

export const useReplaceWithUndo = (item: MediaItemView, locale: string | null) => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const undo = useUndoReplace();
  const [confirming, setConfirming] = React.useState(false);
  const key = `${item.id}:${locale ?? ''}`;
  const [offer, setOffer] = React.useState<string | null>(null);
  const dismiss = React.useCallback(() => setOffer(null), []);

  React.useEffect(() => {
    const expected = expectedReplaces.get(key);
    if (expected === undefined || item.queued || item.alternativeText === expected) return;
    expectedReplaces.delete(key);
    setOffer(expected);
    toggleNotification({ type: 'success', message: t('media.regenerated', 'New alt text for {name}', { name: item.name }) });
  }, [key, item.queued, item.alternativeText]);

  const onUndo = () => {
    if (offer === null) return;
    undo.mutate(
      { id: item.id, locale, previousText: offer },
      {
        onSuccess: () => {
          setOffer(null);
          toggleNotification({ type: 'success', message: t('undo.done', 'The earlier alt text is back') });
        },
        onError: (error) => {
          setOffer(null);
          toggleNotification({
            type: 'danger',
            message: error instanceof UndoUnavailableError ? t('undo.unavailable', 'The earlier text is no longer in the history: see History for the versions kept.') : t('undo.failed', 'Undo failed: the text was not changed.'),
          });
        },
      }
    );
  };

  return {
    confirming,
    setConfirming,
    /** `text`: what the row holds now (null = nothing to give back, or forget what was expected). */
    expectReplaceOf: (text: string | null): void => {
      if (text) expectedReplaces.set(key, text);
      else expectedReplaces.delete(key);
    },
    toast:
      offer === null ? null : (
        <UndoToast message={t('undo.replaced', 'Alt text of {name} replaced.', { name: item.name })} onUndo={onUndo} onDismiss={dismiss} undoing={undo.isLoading} />
      ),
  };
};
