import * as React from 'react';
import { Box, Button, Flex, IconButton, Typography } from '@strapi/design-system';
import { Magic, Pencil } from '@strapi/icons';
import type { EntryImageView } from '../../../../shared/contracts/entries';
import { AltTextEditor } from '../../components/AltTextEditor';
import { AltTextSource } from '../../components/AltTextSource';
import { Thumbnail } from '../../components/Thumbnail';
import { useReturnFocus } from '../../hooks/useReturnFocus';
import { useT } from '../../hooks/useT';

interface EntryImageRowProps {
  image: EntryImageView;
  canGenerate: boolean;
  /** A generate request for this image is on its way (the image shows as queued once it is in). */
  generating: boolean;
  onGenerate: () => void;
  /** The plugin writes several locales: an edit saves the text of the locale shown (the image's `locale`). */
  perLocale: boolean;
}

/** One image of the entry: where it sits, its alt text (editable in place), who wrote it, and Generate with the entry's context. */
export const EntryImageRow = ({ image, canGenerate, generating, onGenerate, perLocale }: EntryImageRowProps) => {
  const t = useT();
  const [editing, setEditing] = React.useState(false);
  const editButton = useReturnFocus(editing);
  return (
    <Flex direction="column" alignItems="stretch" gap={2} paddingTop={3} borderColor="neutral150" borderStyle="solid" borderWidth="1px 0 0 0" data-testid={`entry-image-${image.id}`}>
      <Flex gap={2} alignItems="center">
        <Thumbnail url={image.thumbnailUrl} alt="" width={48} height={48} />
        <Flex direction="column" alignItems="flex-start" minWidth={0}>
          <Typography variant="pi" fontWeight="bold" ellipsis>
            {image.name}
          </Typography>
          <Typography variant="pi" textColor="neutral600" ellipsis>
            {image.field}
          </Typography>
        </Flex>
      </Flex>
      {editing ? (
        <AltTextEditor fileId={image.id} initial={image.alternativeText} locale={perLocale ? image.locale : undefined} onDone={() => setEditing(false)} />
      ) : (
        <Flex gap={1} alignItems="flex-start">
          <Box flex="1">
            <Typography variant="omega" textColor={image.alternativeText ? 'neutral800' : 'neutral600'} data-testid="alt-text">
              {image.alternativeText || t('media.noAltText', 'No alt text')}
            </Typography>
          </Box>
          {canGenerate ? (
            <IconButton ref={editButton} label={t('media.edit', 'Edit alt text')} variant="ghost" onClick={() => setEditing(true)}>
              <Pencil />
            </IconButton>
          ) : null}
        </Flex>
      )}
      <AltTextSource item={image} />
      {canGenerate ? (
        <Button size="S" variant="secondary" fullWidth startIcon={<Magic />} disabled={image.queued || generating} onClick={onGenerate}>
          {t('entryPanel.generateOne', 'Generate with context')}
        </Button>
      ) : null}
    </Flex>
  );
};
