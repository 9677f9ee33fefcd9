import { Button } from '@strapi/design-system';
import type { MediaItemView } from '../../../../shared/contracts/media';
import { useRegenerateMedia, useSetDecorative } from '../../hooks/useMedia';
import { useNotifyError } from '../../hooks/useNotifyError';
import { useT } from '../../hooks/useT';

/**
 * A row's decorative actions: Mark decorative (alt="" everywhere) / Not decorative; for a
 * detection's suggestion, Confirm (marks) or Describe anyway (drops the suggestion and regenerates,
 * which a person's request does without detection).
 */
export const DecorativeActions = ({ item, locale }: { item: MediaItemView; locale: string | null }) => {
  const t = useT();
  const onError = useNotifyError();
  const setDecorative = useSetDecorative();
  const regenerate = useRegenerateMedia();
  const busy = setDecorative.isLoading || regenerate.isLoading;
  const mark = (decorative: boolean) => setDecorative.mutate({ id: item.id, decorative }, { onError });

  if (item.decorative?.status === 'suggested') {
    return (
      <>
        <Button size="S" variant="secondary" disabled={busy} onClick={() => mark(true)}>
          {t('media.decorative.confirm', 'Confirm decorative')}
        </Button>
        <Button
          size="S"
          variant="tertiary"
          disabled={busy || item.queued}
          onClick={() => setDecorative.mutate({ id: item.id, decorative: false }, { onError, onSuccess: () => regenerate.mutate({ id: item.id, locale }, { onError }) })}
        >
          {t('media.decorative.describe', 'Describe anyway')}
        </Button>
      </>
    );
  }
  return item.source === 'decorative' ? (
    <Button size="S" variant="tertiary" disabled={busy} onClick={() => mark(false)}>
      {t('media.decorative.unmark', 'Not decorative')}
    </Button>
  ) : (
    <Button size="S" variant="tertiary" disabled={busy} onClick={() => mark(true)}>
      {t('media.decorative.mark', 'Mark decorative')}
    </Button>
  );
};
