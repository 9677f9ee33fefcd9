import * as React from 'react';
import { Badge, Box, Button, Checkbox, Flex, IconButton, Td, TextInput, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise, Check, Cross, Pencil } from '@strapi/icons';
import type { MediaItemView } from '../../../../shared/contracts/media';
import { SourceBadge } from '../../components/SourceBadge';
import { useRegenerateMedia, useUpdateAltText } from '../../hooks/useMedia';
import { useNotifyError } from '../../hooks/useNotifyError';
import { useT } from '../../hooks/useT';

interface MediaRowProps {
  item: MediaItemView;
  selectable: boolean;
  selected: boolean;
  onSelect: (id: number, selected: boolean) => void;
  canGenerate: boolean;
}

const Thumbnail = ({ url }: { url: string | null }) => (
  <Box width="64px" height="48px" background="neutral150" hasRadius overflow="hidden">
    {/* The alt text is in the next column; repeating it here would make screen readers say it twice. */}
    {url ? <img src={url} alt="" width={64} height={48} style={{ objectFit: 'cover', display: 'block' }} /> : null}
  </Box>
);

export const MediaRow = ({ item, selectable, selected, onSelect, canGenerate }: MediaRowProps) => {
  const t = useT();
  const onError = useNotifyError();
  const [editing, setEditing] = React.useState<string | null>(null);
  const regenerate = useRegenerateMedia();
  const update = useUpdateAltText();

  const save = () => {
    if (editing === null) return;
    update.mutate({ id: item.id, alternativeText: editing }, { onSuccess: () => setEditing(null), onError });
  };

  return (
    <Tr data-testid={`media-row-${item.id}`}>
      {selectable ? (
        <Td>
          <Checkbox
            aria-label={t('media.select', 'Select {name}', { name: item.name })}
            checked={selected}
            onCheckedChange={(checked: boolean | 'indeterminate') => onSelect(item.id, checked === true)}
          />
        </Td>
      ) : null}
      <Td><Thumbnail url={item.thumbnailUrl} /></Td>
      <Td><Typography ellipsis>{item.name}</Typography></Td>
      <Td style={{ whiteSpace: 'normal', width: '45%' }}>
        {editing !== null ? (
          <Flex gap={1}>
            <Box flex="1">
              <TextInput
                aria-label={t('media.altText', 'Alt text')}
                value={editing}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) => setEditing(event.target.value)}
                onKeyDown={(event: React.KeyboardEvent) => event.key === 'Enter' && save()}
              />
            </Box>
            <IconButton label={t('media.save', 'Save alt text')} onClick={save} disabled={update.isLoading}>
              <Check />
            </IconButton>
            <IconButton label={t('media.cancelEdit', 'Cancel')} onClick={() => setEditing(null)}>
              <Cross />
            </IconButton>
          </Flex>
        ) : (
          <Typography textColor={item.alternativeText ? 'neutral800' : 'neutral500'} data-testid="alt-text">
            {item.alternativeText || t('media.noAltText', 'No alt text')}
          </Typography>
        )}
      </Td>
      <Td>
        <Flex gap={1}>
          <SourceBadge source={item.source} />
          {item.queued ? <Badge variant="secondary">{t('media.queued', 'Queued')}</Badge> : null}
        </Flex>
        {item.generatedBy?.context ? (
          <Typography variant="pi" textColor="neutral600" data-testid="generated-context">
            {t('media.source.context', 'with context of {type}: {title}', {
              type: item.generatedBy.context.typeName,
              title: item.generatedBy.context.title ?? '—',
            })}
          </Typography>
        ) : null}
      </Td>
      <Td>
        {canGenerate ? (
          <Flex gap={1} justifyContent="flex-end">
            <IconButton label={t('media.edit', 'Edit alt text')} variant="ghost" onClick={() => setEditing(item.alternativeText ?? '')}>
              <Pencil />
            </IconButton>
            <Button
              size="S"
              variant="secondary"
              startIcon={<ArrowClockwise />}
              disabled={item.queued || regenerate.isLoading}
              onClick={() => regenerate.mutate({ id: item.id }, { onError })}
            >
              {t('media.regenerate', 'Regenerate')}
            </Button>
          </Flex>
        ) : null}
      </Td>
    </Tr>
  );
};
