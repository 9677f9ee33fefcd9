import * as React from 'react';
import { Button, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import type { RunScope } from '../../../../shared/contracts/runs';
import { EstimateSummary } from '../../components/EstimateSummary';
import { withPluginProviders } from '../../components/PluginProviders';
import { useNotifyError } from '../../hooks/useNotifyError';
import { useCreateRun, useEstimateRun } from '../../hooks/useRuns';
import { useT } from '../../hooks/useT';
import { pluginPageUrl } from '../../utils/pluginPageUrl';

interface BulkGenerateModalProps {
  model: string;
  documentIds: string[];
  locale: string | null;
  onClose: () => void;
}

/** The bulk action's dialog: the estimate for the selected entries' images, then Start. */
const BulkGenerateModal = ({ model, documentIds, locale, onClose }: BulkGenerateModalProps) => {
  const t = useT();
  const onError = useNotifyError();
  const { toggleNotification } = useNotification();
  const estimate = useEstimateRun();
  const create = useCreateRun();
  const scope: RunScope = { kind: 'entries', model, documentIds, locale };

  React.useEffect(() => {
    estimate.mutate({ scope }, { onError });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- one estimate per opening: the dialog is made for one selection

  const onStart = () =>
    create.mutate(
      { scope },
      {
        onSuccess: (run) => {
          toggleNotification({
            type: 'success',
            message: t('entryBulk.started', 'Run #{id} started for the images of {entries} entries', { id: run.id, entries: documentIds.length }),
            link: { label: t('entryBulk.follow', 'Follow it in Auto Alt Text'), url: pluginPageUrl() },
          });
          onClose();
        },
        onError,
      }
    );

  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={4} data-testid="entry-bulk-dialog">
          <Typography>
            {t(
              'entryBulk.intro',
              'The images of the {entries} selected entries are described with the context of the entry that uses them. Alt text written by a person is kept.',
              { entries: documentIds.length }
            )}
          </Typography>
          {estimate.isLoading ? <Loader small>{t('entryBulk.estimating', 'Estimating')}</Loader> : null}
          {estimate.data ? <EstimateSummary estimate={estimate.data} /> : null}
          {estimate.data?.images === 0 ? <Typography textColor="neutral600">{t('entryBulk.nothing', 'No image of these entries needs alt text.')}</Typography> : null}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          {t('media.cancelEdit', 'Cancel')}
        </Button>
        <Button startIcon={<Play />} onClick={onStart} disabled={!estimate.data || estimate.data.images === 0} loading={create.isLoading}>
          {t('bulk.start', 'Start')}
        </Button>
      </Modal.Footer>
    </>
  );
};

export default withPluginProviders(BulkGenerateModal);
