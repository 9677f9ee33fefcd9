import * as React from 'react';
import { Button, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Pager } from '../../components/Pager';
import { Panel } from '../../components/Panel';
import { useFailures, useRetryFailures } from '../../hooks/useFailures';
import { useNotifyError } from '../../hooks/useNotifyError';
import { useT, type Message } from '../../hooks/useT';

const PAGE_SIZE = 10;

/** How the provider was given the image (`imageDelivery`), as the failure names it. */
const STRATEGY_LABELS: Record<string, Message> = {
  presigned: { id: 'failures.strategy.presigned', defaultMessage: 'a presigned S3 URL' },
  signed: { id: 'failures.strategy.signed', defaultMessage: 'a URL signed by the plugin' },
  public: { id: 'failures.strategy.public', defaultMessage: 'its public URL' },
  inline: { id: 'failures.strategy.inline', defaultMessage: 'the bytes, inline' },
};

/** The reason without its code in front (the code is shown once, in bold, before it). */
const withoutCode = (message: string | null, code: string | null) => (message && code && message.startsWith(`${code}: `) ? message.slice(code.length + 2) : (message ?? ''));

/** Images that failed for good, each with the provider's reason, and a way to try again. */
export const FailuresList = ({ canRetry }: { canRetry: boolean }) => {
  const { formatDate } = useIntl();
  const { toggleNotification } = useNotification();
  const t = useT();
  const onError = useNotifyError();
  const [page, setPage] = React.useState(1);
  const failures = useFailures({ page, pageSize: PAGE_SIZE });
  const retry = useRetryFailures();
  const rows = failures.data?.rows ?? [];
  const onRetry = (jobIds?: number[]) =>
    retry.mutate(jobIds ? { jobIds } : {}, {
      onSuccess: ({ retried }) =>
        toggleNotification({ type: 'success', message: t('failures.retried', '{count, plural, one {# image queued again} other {# images queued again}}', { count: retried }) }),
      onError,
    });

  const retryAll =
    canRetry && rows.length > 0 ? (
      <Button size="S" variant="secondary" startIcon={<ArrowClockwise />} onClick={() => onRetry()} loading={retry.isLoading}>
        {t('failures.retryAll', 'Retry all')}
      </Button>
    ) : null;

  return (
    <Panel title={t('failures.title', 'Failures')} action={retryAll} testId="failures">
      {rows.length === 0 ? (
        <Typography textColor="neutral600">{t('failures.empty', 'No failed images.')}</Typography>
      ) : (
        <Table colCount={canRetry ? 5 : 4} rowCount={rows.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">{t('failures.file', 'File')}</Typography></Th>
              <Th><Typography variant="sigma">{t('failures.reason', 'Reason')}</Typography></Th>
              <Th><Typography variant="sigma">{t('failures.attempts', 'Attempts')}</Typography></Th>
              <Th><Typography variant="sigma">{t('failures.at', 'When')}</Typography></Th>
              {canRetry ? <Th><Typography variant="sigma">{t('failures.actions', 'Actions')}</Typography></Th> : null}
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((failure) => (
              <Tr key={failure.jobId}>
                <Td><Typography>{failure.fileName ?? `#${failure.fileId}`}</Typography></Td>
                <Td style={{ whiteSpace: 'normal', overflowWrap: 'anywhere', width: '50%' }}>
                  <Typography fontWeight="bold">{failure.code ?? '—'}</Typography>{' '}
                  <Typography textColor="neutral600">{withoutCode(failure.message, failure.code)}</Typography>
                  {failure.strategy && failure.strategy in STRATEGY_LABELS ? (
                    <Typography variant="pi" textColor="neutral600" tag="p">
                      {t('failures.strategy', 'Image sent as: {strategy}', { strategy: t(STRATEGY_LABELS[failure.strategy].id, STRATEGY_LABELS[failure.strategy].defaultMessage) })}
                    </Typography>
                  ) : null}
                </Td>
                <Td><Typography>{failure.attempts}</Typography></Td>
                <Td><Typography>{failure.at ? formatDate(failure.at, { dateStyle: 'short', timeStyle: 'short' }) : '—'}</Typography></Td>
                {canRetry ? (
                  <Td>
                    <Button size="S" variant="tertiary" onClick={() => onRetry([failure.jobId])} disabled={retry.isLoading}>
                      {t('failures.retry', 'Retry')}
                    </Button>
                  </Td>
                ) : null}
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {failures.data ? <Pager page={page} pageSize={PAGE_SIZE} total={failures.data.total} onPage={setPage} /> : null}
    </Panel>
  );
};
