import * as React from 'react';
import { Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { Magic } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import type { EntryRefView } from '../../../../shared/contracts/entries';
import { withPluginProviders } from '../../components/PluginProviders';
import { useEntryImages, useGenerateEntryImages } from '../../hooks/useEntryImages';
import { useLocales } from '../../hooks/useLocales';
import { useNotifyError } from '../../hooks/useNotifyError';
import { useT } from '../../hooks/useT';
import { useUnsavedEntry } from '../../hooks/useUnsavedEntry';
import { EntryImageRow } from './EntryImageRow';

interface EntryImagesPanelProps {
  model: string;
  /** Null while the entry is being created. */
  documentId: string | null;
  locale: string | null;
  /** The saved entry's `updatedAt`: a save lists the images again. */
  savedAt: string | null;
  canGenerate: boolean;
}

const Notice = ({ children }: { children: React.ReactNode }) => (
  <Box background="warning100" borderColor="warning200" hasRadius padding={3} data-testid="entry-panel-notice">
    <Typography variant="pi" textColor="neutral800">
      {children}
    </Typography>
  </Box>
);

/**
 * Which locale's texts the panel shows, when the plugin writes several: the entry's own when the
 * plugin writes it, else the default one, with a note saying so.
 */
const LocaleLine = ({ entryLocale }: { entryLocale: string | null }) => {
  const t = useT();
  const { locales, defaultLocale, nameOf } = useLocales();
  const written = !!entryLocale && locales.some((locale) => locale.code === entryLocale);
  const shown = written && entryLocale ? entryLocale : (defaultLocale?.code ?? '');
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="entry-panel-locale">
      <Typography variant="pi" textColor="neutral600">
        {t('entryPanel.locale', 'Alt text in {locale}', { locale: nameOf(shown) })}
      </Typography>
      {entryLocale && !written ? (
        <Notice>
          {t('entryPanel.localeNotWritten', 'The plugin does not write alt text in {locale}: the text shown is the default one ({fallback}).', {
            locale: entryLocale,
            fallback: nameOf(shown),
          })}
        </Notice>
      ) : null}
    </Flex>
  );
};

/** The images of a saved entry, and what its unsaved edits mean for them. */
const SavedEntryImages = ({ entry, savedAt, canGenerate }: { entry: EntryRefView; savedAt: string | null; canGenerate: boolean }) => {
  const t = useT();
  const onError = useNotifyError();
  const { toggleNotification } = useNotification();
  const unsaved = useUnsavedEntry();
  const images = useEntryImages(entry, savedAt);
  const generate = useGenerateEntryImages();
  const { multi } = useLocales();
  const [requested, setRequested] = React.useState<number | 'all' | null>(null);

  const onGenerate = (fileId?: number) => {
    setRequested(fileId ?? 'all');
    generate.mutate(
      { ...entry, ...(fileId ? { fileIds: [fileId] } : {}) },
      {
        onSuccess: ({ queued, kept }) => {
          if (fileId) return;
          const message = t('entryPanel.queued', '{queued} queued; {kept} kept (written by a person)', { queued, kept });
          toggleNotification({ type: 'success', message });
        },
        onError,
        onSettled: () => setRequested(null),
      }
    );
  };

  const list = images.data?.images ?? [];
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-testid="entry-panel">
      {unsaved.imagesChanged ? (
        <Notice>{t('entryPanel.imagesChanged', 'Images were added or removed: save the entry to see them here.')}</Notice>
      ) : unsaved.modified ? (
        <Notice>{t('entryPanel.modified', 'Unsaved changes: Generate uses the entry as last saved.')}</Notice>
      ) : null}
      {multi ? <LocaleLine entryLocale={entry.locale ?? null} /> : null}
      {images.isLoading ? <Loader small>{t('entryPanel.loading', 'Loading the images')}</Loader> : null}
      {images.isError ? <Typography textColor="danger600">{t('entryPanel.error', 'The images could not be listed.')}</Typography> : null}
      {images.data && list.length === 0 ? <Typography textColor="neutral600">{t('entryPanel.empty', 'This entry uses no images yet.')}</Typography> : null}
      {list.map((image) => (
        <EntryImageRow
          key={image.id}
          image={image}
          canGenerate={canGenerate}
          generating={requested === image.id || requested === 'all'}
          onGenerate={() => onGenerate(image.id)}
          perLocale={multi}
        />
      ))}
      {canGenerate && list.length > 0 ? (
        <Flex direction="column" alignItems="stretch" gap={1} paddingTop={2}>
          <Button fullWidth startIcon={<Magic />} disabled={requested !== null || list.every((image) => image.queued)} onClick={() => onGenerate()}>
            {t('entryPanel.generateAll', 'Generate all')}
          </Button>
          <Typography variant="pi" textColor="neutral600">
            {t('entryPanel.generateAllHint', "With this entry's context (its title and text). Missing and generated texts only: a person's text is kept.")}
          </Typography>
        </Flex>
      ) : null}
    </Flex>
  );
};

const EntryImagesPanel = ({ model, documentId, locale, savedAt, canGenerate }: EntryImagesPanelProps) => {
  const t = useT();
  if (!documentId) return <Notice>{t('entryPanel.saveFirst', 'Save the entry to see the images it uses here.')}</Notice>;
  return <SavedEntryImages entry={{ model, documentId, locale }} savedAt={savedAt} canGenerate={canGenerate} />;
};

export default withPluginProviders(EntryImagesPanel);
