import * as React from 'react';
import { Button, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { Play } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import type { RunScope } from '../../../../shared/contracts/runs';
import { EstimateSummary } from '../../components/EstimateSummary';
import { LocaleSelect } from '../../components/LocaleSelect';
import { withPluginProviders } from '../../components/PluginProviders';
import { useRunLocaleChoice } from '../../hooks/useLocales';
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

/** The bulk action's dialog: which locales to write (when the plugin writes several), the estimate for the selected entries' images, then Start. */
const BulkGenerateModal = ({ model, documentIds, locale, onClose }: BulkGenerateModalProps) => {
  const t = useT();
  const onError = useNotifyError();
  const { toggleNotification } = useNotification();
  const estimate = useEstimateRun();
  const create = useCreateRun();
  const target = useRunLocaleChoice();
  const scope: RunScope = { kind: 'entries', model, documentIds, locale };
  // Sent only when the plugin writes several locales: with one, the requests stay as they were.
  const localeBody = target.plugin.multi ? { locale: target.locale } : {};

  React.useEffect(() => {
    if (target.plugin.isLoading) return;
    estimate.mutate({ scope, ...localeBody }, { onError });
  }, [target.plugin.isLoading, target.locale]); // eslint-disable-line react-hooks/exhaustive-deps -- one estimate per locale choice: the dialog is made for one selection

  const onStart = () =>
    create.mutate(
      { scope, ...localeBody },
      {
        onSuccess: (run) => {
          toggleNotification({
            type: 'success',
            message: t('entryBulk.started', 'Run #{id} started for the images of {entries, plural, one {# entry} other {# entries}}', { id: run.id, entries: documentIds.length }),
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
          {target.plugin.multi ? (
            <LocaleSelect name="locale" label={t('bulk.locale.label', 'Locales')} locales={target.plugin.locales} value={target.choice} onChange={target.setChoice} withAll />
          ) : null}
          {estimate.isLoading ? <Loader small>{t('entryBulk.estimating', 'Estimating')}</Loader> : null}
          {estimate.data && !estimate.isLoading ? <EstimateSummary estimate={estimate.data} locales={target.targeted} /> : null}
          {estimate.data?.images === 0 ? <Typography textColor="neutral600">{t('entryBulk.nothing', 'No image of these entries needs alt text.')}</Typography> : null}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          {t('media.cancelEdit', 'Cancel')}
        </Button>
        <Button startIcon={<Play />} onClick={onStart} disabled={!estimate.data || estimate.isLoading || estimate.data.images === 0} loading={create.isLoading}>
          {t('bulk.start', 'Start')}
        </Button>
      </Modal.Footer>
    </>
  );
};

export default withPluginProviders(BulkGenerateModal);
