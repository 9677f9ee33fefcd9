import * as React from 'react';
import { Box, Button, Flex, Textarea, Typography } from '@strapi/design-system';
import type { SuggestionView } from '../../../../shared/contracts/review';
import { useReturnFocus } from '../../hooks/useReturnFocus';
import { useT } from '../../hooks/useT';

interface SuggestionCardProps {
  suggestion: SuggestionView;
  position: { index: number; count: number };
  editing: boolean;
  busy: boolean;
  canDecide: boolean;
  onApprove: (text?: string) => void;
  onEdit: () => void;
  onCancelEdit: () => void;
  onReject: (regenerate: boolean) => void;
  /** Take the focus (on Approve) when shown: it replaced a suggestion just decided with the keyboard. */
  takeFocus: boolean;
}

/** One suggestion, large: the image, what the locale holds now, and the suggested text (editable). */
export const SuggestionCard = ({ suggestion, position, editing, busy, canDecide, onApprove, onEdit, onCancelEdit, onReject, takeFocus }: SuggestionCardProps) => {
  const t = useT();
  const approveRef = React.useRef<HTMLButtonElement>(null);
  // Esc or Cancel closes the edit box: the focus goes back to Edit, not to the page's top.
  const editRef = useReturnFocus(editing);
  React.useEffect(() => {
    if (takeFocus) approveRef.current?.focus();
  }, [takeFocus, suggestion.id]);
  const [draft, setDraft] = React.useState(suggestion.text);
  React.useEffect(() => setDraft(suggestion.text), [suggestion.id, suggestion.text, editing]);
  const current = suggestion.image?.alternativeText;

  const onEditKey = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancelEdit();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      if (draft.trim() !== '') onApprove(draft.trim());
    }
  };

  return (
    <Flex gap={6} alignItems="flex-start" wrap="wrap" data-testid="review-current">
      <Box background="neutral150" hasRadius overflow="hidden" shrink={0} style={{ width: 480, maxWidth: '100%' }}>
        {/* The texts are beside it: the picture itself adds nothing for a screen reader here. */}
        {suggestion.previewUrl ? <img src={suggestion.previewUrl} alt="" style={{ width: '100%', maxHeight: 360, objectFit: 'contain', display: 'block' }} /> : null}
      </Box>
      <Flex direction="column" alignItems="stretch" gap={4} style={{ flex: '1 1 320px' }}>
        <Typography variant="pi" textColor="neutral600">
          {t('review.position', 'Suggestion {index} of {count} on this page · {name}', { index: position.index + 1, count: position.count, name: suggestion.image?.name ?? `#${suggestion.fileId}` })}
        </Typography>
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Typography variant="sigma" textColor="neutral600">{t('review.current', 'Current alt text')}</Typography>
          <Typography data-testid="review-current-text" textColor={current ? 'neutral800' : 'neutral600'}>
            {current || t('review.current.none', 'None')}
          </Typography>
        </Flex>
        <Flex direction="column" alignItems="stretch" gap={1}>
          <Typography variant="sigma" textColor="neutral600">
            {t('review.suggested', 'Suggested by {provider}', { provider: suggestion.provider ?? '?' })}
          </Typography>
          {editing ? (
            <Textarea
              name="suggestion"
              aria-label={t('review.edit.label', 'Edit the suggested alt text')}
              value={draft}
              onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setDraft(event.target.value)}
              onKeyDown={onEditKey}
              autoFocus
            />
          ) : (
            <Typography data-testid="review-suggested-text" fontWeight="semiBold">{suggestion.text}</Typography>
          )}
        </Flex>
        {canDecide ? (
          <Flex gap={2} wrap="wrap">
            {editing ? (
              <>
                <Button onClick={() => onApprove(draft.trim())} disabled={busy || draft.trim() === ''}>{t('review.saveEdit', 'Approve edited text (Enter)')}</Button>
                <Button variant="tertiary" onClick={onCancelEdit}>{t('review.cancelEdit', 'Cancel (Esc)')}</Button>
              </>
            ) : (
              <>
                <Button ref={approveRef} onClick={() => onApprove()} disabled={busy}>{t('review.approve', 'Approve (A)')}</Button>
                <Button ref={editRef} variant="secondary" onClick={onEdit} disabled={busy}>{t('review.edit', 'Edit (E)')}</Button>
                <Button variant="danger-light" onClick={() => onReject(false)} disabled={busy}>{t('review.reject', 'Reject (R)')}</Button>
                <Button variant="tertiary" onClick={() => onReject(true)} disabled={busy}>{t('review.regenerate', 'Reject and regenerate (G, 1 credit)')}</Button>
              </>
            )}
          </Flex>
        ) : null}
      </Flex>
    </Flex>
  );
};
