import * as React from 'react';
import { Button, Checkbox, Flex, IconButton, Td, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, ClockCounterClockwise, Pencil } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import type { AltTextLimits, MediaItemView } from '../../../../shared/contracts/media';
import { AltTextEditor } from '../../components/AltTextEditor';
import { AltTextSource } from '../../components/AltTextSource';
import { ActionsCell } from '../../components/ActionsCell';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { HistoryDialog } from '../../components/HistoryDialog';
import { QualityFlags } from '../../components/QualityFlags';
import { Thumbnail } from '../../components/Thumbnail';
import { useReturnFocus } from '../../hooks/useReturnFocus';
import { useKeepFocus } from '../../hooks/useKeepFocus';
import { useRegenerateMedia } from '../../hooks/useMedia';
import { useNotifyError } from '../../hooks/useNotifyError';
import { useT } from '../../hooks/useT';
import { DecorativeActions } from './DecorativeActions';
import { useReplaceWithUndo } from './useReplaceWithUndo';

interface MediaRowProps {
  item: MediaItemView;
  selectable: boolean;
  selected: boolean;
  onSelect: (id: number, selected: boolean) => void;
  canGenerate: boolean;
  /** The locale the list shows, when the plugin writes several: edits and Regenerate are for it alone. */
  locale: string | null;
  /** How long an edited text may be (the list's answer carries them). */
  limits?: AltTextLimits;
  /**
   * Set by the design system's Tbody on each of its children: the row's place in the table's ARIA grid.
   * Passed on to the Tr, or the arrow keys cannot reach this row's cells (a keyboard could not reach its buttons).
   */
  'aria-rowindex'?: number;
}

export const MediaRow = ({ item, selectable, selected, onSelect, canGenerate, locale, limits, 'aria-rowindex': rowIndex }: MediaRowProps) => {
  const t = useT();
  const onError = useNotifyError();
  const { toggleNotification } = useNotification();
  const [editing, setEditing] = React.useState(false);
  const [showHistory, setShowHistory] = React.useState(false);
  const regenerate = useRegenerateMedia();
  const replace = useReplaceWithUndo(item, locale);
  const editButton = useReturnFocus(editing);
  // Disabled while the new text is on its way: the focus comes back to it once the row shows the text.
  const regenerateFocus = useKeepFocus(item.queued || regenerate.isLoading);
  useReturnFocus(replace.confirming, regenerateFocus.ref);
  const historyButton = useReturnFocus(showHistory);

  const onRegenerate = () => {
    regenerateFocus.remember();
    // A person's text is replaced only when asked twice; a generated one is the plugin's to refresh.
    if (item.source === 'human' || item.source === 'imported') replace.setConfirming(true);
    else startRegenerate();
  };
  const startRegenerate = () => {
    replace.expectReplaceOf(item.alternativeText);
    regenerate.mutate(
      { id: item.id, locale },
      {
        // Nothing queued (or refused): nothing will be replaced.
        onSuccess: (answer) => {
          if (!answer.queued) replace.expectReplaceOf(null);
          else toggleNotification({ type: 'info', message: t('media.queued', 'Queued: a new alt text for {name} is on its way', { name: item.name }) });
        },
        onError: (error) => {
          replace.expectReplaceOf(null);
          onError(error);
        },
      }
    );
  };

  return (
    <Tr aria-rowindex={rowIndex} data-testid={`media-row-${item.id}`}>
      {selectable ? (
        <Td>
          <Checkbox
            aria-label={t('media.select', 'Select {name}', { name: item.name })}
            checked={selected}
            onCheckedChange={(checked: boolean | 'indeterminate') => onSelect(item.id, checked === true)}
          />
        </Td>
      ) : null}
      <Td><Thumbnail url={item.thumbnailUrl} alt="" /></Td>
      <Td><Typography ellipsis>{item.name}</Typography></Td>
      <Td style={{ whiteSpace: 'normal', width: '45%' }}>
        {editing ? (
          <AltTextEditor fileId={item.id} initial={item.alternativeText} locale={locale ?? undefined} limits={limits} onDone={() => setEditing(false)} />
        ) : (
          <Typography textColor={item.alternativeText ? 'neutral800' : 'neutral600'} data-testid="alt-text">
            {item.source === 'decorative' ? t('media.decorative.text', 'Decorative: alt="" (screen readers skip it)') : item.alternativeText || t('media.noAltText', 'No alt text')}
          </Typography>
        )}
        {editing ? null : <QualityFlags flags={item.flags} />}
      </Td>
      <Td>
        <AltTextSource item={item} />
      </Td>
      <ActionsCell>
        {showHistory ? <HistoryDialog fileId={item.id} name={item.name} locale={locale} canRevert={canGenerate} onClose={() => setShowHistory(false)} /> : null}
        <Flex gap={1} justifyContent="flex-end">
          <IconButton ref={historyButton} label={t('history.open', 'History')} variant="ghost" onClick={() => setShowHistory(true)}>
            <ClockCounterClockwise />
          </IconButton>
        {canGenerate ? (
          <Flex gap={1} justifyContent="flex-end">
            <IconButton
              ref={editButton}
              label={t('media.edit', 'Edit alt text')}
              variant="ghost"
              onClick={() => {
                replace.expectReplaceOf(null); // a person's edit is not a replace to undo
                setEditing(true);
              }}
            >
              <Pencil />
            </IconButton>
            <DecorativeActions item={item} locale={locale} />
            {item.source === 'decorative' || item.decorative ? null : (
              <Button
                ref={regenerateFocus.ref}
                size="S"
                variant="secondary"
                startIcon={<ArrowClockwise />}
                disabled={item.queued || regenerate.isLoading}
                onClick={onRegenerate}
              >
                {item.source === 'missing' ? t('media.generate', 'Generate') : t('media.regenerate', 'Regenerate')}
              </Button>
            )}
            {replace.confirming ? (
              <ConfirmDialog
                title={t('media.replaceHuman.title', 'Replace a person\'s alt text?')}
                body={t('media.replaceHuman.body', '“{text}” was written by a person. Regenerate asks the provider for a new text (one credit) and replaces it. You can undo it afterwards, or restore it from History.', { text: item.alternativeText ?? '' })}
                confirmLabel={t('media.replaceHuman.confirm', 'Replace')}
                onConfirm={() => {
                  replace.setConfirming(false);
                  startRegenerate();
                }}
                onCancel={() => replace.setConfirming(false)}
              />
            ) : null}
          </Flex>
        ) : null}
        </Flex>
        {replace.toast}
      </ActionsCell>
    </Tr>
  );
};
