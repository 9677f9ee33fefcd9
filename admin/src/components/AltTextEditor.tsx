import * as React from 'react';
import { Box, Flex, IconButton, Textarea, Typography } from '@strapi/design-system';
import { Check, Cross } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { AltTextLimits } from '../../../shared/contracts/media';
import { useUpdateAltText } from '../hooks/useMedia';
import { useNotifyError } from '../hooks/useNotifyError';
import { useT } from '../hooks/useT';

interface AltTextEditorProps {
  fileId: number;
  initial: string | null;
  /** The locale the text is for; absent: the default locale. */
  locale?: string;
  /** The configured `maxLength` (warned above) and the hard limit (refused above); absent: no counter. */
  limits?: AltTextLimits;
  /** Saved or cancelled: the row shows the text again. */
  onDone: () => void;
}

/**
 * One image's alt text edited in place, over several lines when it is long; once saved it counts as
 * written by a person. Enter saves (Shift+Enter breaks the line), Escape cancels. The counter warns
 * past the configured length and Save is refused past the hard limit, with the reason.
 */
export const AltTextEditor = ({ fileId, initial, locale, limits, onDone }: AltTextEditorProps) => {
  const t = useT();
  const { formatNumber } = useIntl();
  const { toggleNotification } = useNotification();
  const onError = useNotifyError();
  const [text, setText] = React.useState(initial ?? '');
  const update = useUpdateAltText();
  // As the server counts (UTF-16 units of the text sent).
  const length = text.length;
  const tooLong = !!limits && length > limits.hardMaxLength;
  const longerThanSet = !!limits && !tooLong && length > limits.maxLength;
  const save = () => {
    if (tooLong) return;
    update.mutate(
      { id: fileId, alternativeText: text, locale },
      {
        onSuccess: () => {
          toggleNotification({ type: 'success', message: t('media.saved', 'Alt text saved: it now counts as written by a person') });
          onDone();
        },
        onError,
      }
    );
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      save();
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Flex gap={1} alignItems="flex-start">
        <Box flex="1">
          <Textarea
            aria-label={t('media.altText', 'Alt text')}
            value={text}
            autoFocus
            onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setText(event.target.value)}
            onKeyDown={onKeyDown}
          />
        </Box>
        <IconButton label={t('media.save', 'Save alt text')} onClick={save} disabled={update.isLoading || tooLong}>
          <Check />
        </IconButton>
        <IconButton label={t('media.cancelEdit', 'Cancel')} onClick={onDone}>
          <Cross />
        </IconButton>
      </Flex>
      {limits ? (
        <Typography variant="pi" textColor={tooLong ? 'danger600' : longerThanSet ? 'neutral800' : 'neutral600'} data-testid="alt-text-counter" aria-live="polite">
          {tooLong
            ? t('media.length.refused', '{length} / {hard} characters: too long to save. Screen readers read alt text in one go.', { length: formatNumber(length), hard: formatNumber(limits.hardMaxLength) })
            : longerThanSet
              ? t('media.length.warn', '{length} characters: longer than the {max} set in Settings (it can still be saved).', { length: formatNumber(length), max: formatNumber(limits.maxLength) })
              : t('media.length.count', '{length} / {max} characters', { length: formatNumber(length), max: formatNumber(limits.maxLength) })}
        </Typography>
      ) : null}
    </Flex>
  );
};
