import * as React from 'react';
import { Box, Flex, IconButton, TextInput } from '@strapi/design-system';
import { Check, Cross } from '@strapi/icons';
import { useUpdateAltText } from '../hooks/useMedia';
import { useNotifyError } from '../hooks/useNotifyError';
import { useT } from '../hooks/useT';

interface AltTextEditorProps {
  fileId: number;
  initial: string | null;
  /** The locale the text is for; absent: the default locale. */
  locale?: string;
  /** Saved or cancelled: the row shows the text again. */
  onDone: () => void;
}

/** One image's alt text edited in place; once saved it counts as written by a person. */
export const AltTextEditor = ({ fileId, initial, locale, onDone }: AltTextEditorProps) => {
  const t = useT();
  const onError = useNotifyError();
  const [text, setText] = React.useState(initial ?? '');
  const update = useUpdateAltText();
  const save = () => update.mutate({ id: fileId, alternativeText: text, locale }, { onSuccess: onDone, onError });

  return (
    <Flex gap={1}>
      <Box flex="1">
        <TextInput
          aria-label={t('media.altText', 'Alt text')}
          value={text}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setText(event.target.value)}
          onKeyDown={(event: React.KeyboardEvent) => event.key === 'Enter' && save()}
        />
      </Box>
      <IconButton label={t('media.save', 'Save alt text')} onClick={save} disabled={update.isLoading}>
        <Check />
      </IconButton>
      <IconButton label={t('media.cancelEdit', 'Cancel')} onClick={onDone}>
        <Cross />
      </IconButton>
    </Flex>
  );
};
